// The usage text meow prints for --help and with every usage error. The README quotes it verbatim (tested).
// Each resource's command (cli/resources.ts) adds its line to the list and its own section.
import {RESOURCES} from './resources.js';

const RESOURCE_CLIS = RESOURCES.flatMap((r) => (r.cli ? [r.cli] : []));
/** `$ fleetdeck NAME VERB [options]` and what it does from column 42, on the next line when the first is longer. */
const resourceLines = RESOURCE_CLIS.map((c) => {
  const call = `$ fleetdeck ${c.name} VERB [options]`;
  return call.length < 38 ? `    ${call.padEnd(37)} ${c.summary}\n` : `    ${call}\n${' '.repeat(42)}${c.summary}\n`;
}).join('');
const resourceSections = RESOURCE_CLIS.map((c) => `${c.usage.replace(/\n*$/, '')}\n\n`).join('');

export const USAGE = `
  Usage
    $ fleetdeck [options]                 open the dashboard
    $ fleetdeck instances [options]       print the managed instances (no UI)
    $ fleetdeck run [options]             Run Command on instances (no UI)
    $ fleetdeck compliance [options]      print compliance per type and instance (no UI)
    $ fleetdeck inventory [options]       which instances have a package (no UI)
    $ fleetdeck local-fleet [options]     serve the local fleet for the AWS CLI and SDKs
    $ fleetdeck forward <instance id or Name> <remote-port> [options]
                                          forward a local port to a port on the instance (no UI)
${resourceLines}
  Where
    --local                 use the embedded local fleet (a child process on 127.0.0.1)
    --profile NAME[,NAME…]  AWS profile (SSO and assume-role profiles work); several: one context per
                            profile and region, e.g. --profile prod,dev --region us-east-1,eu-west-1
    --region NAME[,NAME…]   AWS region, e.g. eu-west-1
    --context NAME[,NAME…]  contexts and groups named in the config ("contexts", "contextGroups"), or
                            profile:region
    --endpoint-url URL      send SSM and EC2 calls to this endpoint (e.g. a running local fleet)
    --all-contexts          several contexts: a headless command that changes something acts in every one
                            (refused without it); reads run in each, tables gain ACCOUNT and REGION first
                            and JSON records account, region and context

  Options
    --filter EXPR           start filtered, e.g. "tag:Env=prod ping:online !platform:windows"
    --columns KEYS          extra tag columns, e.g. Env,Team
    --refresh SECONDS       refresh interval for live views (default 5)
    --read-only             disable every action that changes anything
    --session-client C      shells: native (default) or plugin (the official session-manager-plugin)
    --config FILE           settings file (default $XDG_CONFIG_HOME/fleetdeck/config.json)
    --output FORMAT         instances: table, json or csv (default table); run: text or json;
                            compliance, inventory: table or json

  Run Command (fleetdeck run)
    --targets T             instance ids (i-…,mi-…), Name tags, or an expression: tag:Env=prod tag-key:Team resource-groups:web
    --document NAME         e.g. AWS-RunShellScript
    --document-version V    a version number, $LATEST or $DEFAULT (default: the default version)
    --parameter NAME=VALUE  repeat for more values, e.g. --parameter commands='uptime'
    --max-concurrency N|P%  as SSM: a count or a percentage (default 50)
    --max-errors N|P%       as SSM: stop after more than this many errors (default 0)
    --timeout SECONDS       delivery timeout, 30 to 2592000
    --comment TEXT          up to 100 characters
    Exit codes: 0 all succeeded, 1 some did not, 3 the error threshold stopped the run, 4 SSM could not be
    reached long enough to follow the run to the end (it goes on in SSM), 130 Ctrl+C (what still ran was
    cancelled; a second Ctrl+C stops waiting), 2 bad input

  Compliance and inventory (fleetdeck compliance, fleetdeck inventory)
    --filter EXPR           compliance: Status=NON_COMPLIANT ComplianceType=Patch OverallSeverity=CRITICAL,HIGH
    --type NAME             inventory type (default AWS:Application), e.g. AWS:Service, AWS:Network
    --where CONDS           e.g. 'Name=openssl,Version<3.0.8'; operators = != ^= < > (< > compare versions)

  Port forward (fleetdeck forward)
    --local-port N          local port (default: any free port; the address is printed)
    --remote-host H         forward to H as the instance reaches it (AWS-StartPortForwardingSessionToRemoteHost)
    --bind ADDR             local address to listen on (default 127.0.0.1)
    Runs until Ctrl+C. Exit codes: 0 stopped, 2 bad input (port out of range or in use, unknown or offline
    instance), 1 the forward failed

${resourceSections}  Local fleet (--local, fleetdeck local-fleet)
    --nodes N               local fleet size (default 40, up to 50000)
    --seed S                local fleet seed (default 1)
    --accounts N            accounts it serves, each with its own credentials (default 1)
    --regions A,B           regions each account has nodes in (default us-east-1); with --local, one
                            context per account and region, named local-<n>:<region>
    --port N                local-fleet: port to listen on (default: any free port)
    --detach                local-fleet: serve in the background and return (for eval "$(…)")
    --stop                  local-fleet: stop the one this shell's AWS_* variables point at

    --help, --version

  Examples
    $ fleetdeck --local
    $ fleetdeck --profile prod --region eu-west-1
    $ fleetdeck instances --local --filter 'tag:Env=prod' --output json
    $ fleetdeck run --local --targets tag:Env=dev --document AWS-RunShellScript --parameter commands=uptime
    $ fleetdeck compliance --local --filter 'Status=NON_COMPLIANT' --output json
    $ fleetdeck inventory --local --where 'Name=openssl,Version<3.0.8'
    $ fleetdeck forward --local i-0123456789abcdef0 5432 --local-port 15432
    $ eval "$(fleetdeck local-fleet --port 4566 --detach)" && aws ssm describe-instance-information
`;

/** What follows a bad flag's error: where the usage is (printing all of it would bury the error). */
export const USAGE_HINT = '(fleetdeck --help prints every command and flag)';
