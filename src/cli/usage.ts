// The usage text meow prints for --help and with every usage error. The README quotes it verbatim (tested).
export const USAGE = `
  Usage
    $ fleetdeck [options]                 open the dashboard
    $ fleetdeck instances [options]       print the managed instances (no UI)
    $ fleetdeck local-fleet [options]     serve the local fleet for the AWS CLI and SDKs

  Where
    --local                 use the embedded local fleet (a child process on 127.0.0.1)
    --profile NAME          AWS profile (SSO and assume-role profiles work)
    --region NAME           AWS region, e.g. eu-west-1
    --endpoint-url URL      send SSM and EC2 calls to this endpoint (e.g. a running local fleet)

  Options
    --filter EXPR           start filtered, e.g. "tag:Env=prod ping:online !platform:windows"
    --columns KEYS          extra tag columns, e.g. Env,Team
    --refresh SECONDS       refresh interval for live views (default 5)
    --read-only             disable every action that changes anything
    --config FILE           settings file (default $XDG_CONFIG_HOME/fleetdeck/config.json)
    --output FORMAT         instances: table, json or csv (default table)
    --nodes N               local fleet size (default 40, up to 50000)
    --seed S                local fleet seed (default 1)
    --port N                local-fleet: port to listen on (default: any free port)
    --help, --version

  Examples
    $ fleetdeck --local
    $ fleetdeck --profile prod --region eu-west-1
    $ fleetdeck instances --local --filter 'tag:Env=prod' --output json
    $ eval "$(fleetdeck local-fleet --port 4566)" && aws ssm describe-instance-information
`;
