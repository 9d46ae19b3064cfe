// Stands in for react-devtools-core in the bundle: Ink loads it only when DEV is set, which production never is.
export default {initialize() {}, connectToDevTools() {}};
