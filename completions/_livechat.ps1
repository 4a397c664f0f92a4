
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'livechat' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'livechat'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'livechat' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the Live Chat API server')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, check or print credentials')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'List, inspect, assign and resolve live chat requests')
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Add notes to requests')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'Members: list, invite, remove, change roles, set presence')
            [CompletionResult]::new('bots', 'bots', [CompletionResultType]::ParameterValue, 'Bots: channels, automatic texts, the request form and integration keys')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhooks: signed notifications of new, assigned, resolved and closed requests and messages')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Live chat analytics: counts and times to assign, to first reply and to resolve')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Make an authenticated call to any API route and print the JSON answer')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions: bash, zsh, fish, powershell or elvish')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Show help for a command, or a topic: environment, exit-codes, formatting')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write completions/, man/ and docs/cli-help.txt from the command definitions')
            break
        }
        'livechat;server' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start-dev', 'start-dev', [CompletionResultType]::ParameterValue, 'Start a demo server with seeded data and write CLI profiles for it (not for production)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the production server')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create an organization and print its first admin token')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Fill a new database with generated requests, fast, for benchmarks and load tests')
            [CompletionResult]::new('migrate-db', 'migrate-db', [CompletionResultType]::ParameterValue, 'Copy a whole database into an empty one, e.g. from SQLite up to PostgreSQL')
            break
        }
        'livechat;server;start-dev' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on, on 127.0.0.1')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Keep the demo in this database instead of in memory: a SQLite file path or `sqlite://PATH`, or `postgres://USER@HOST/DB`; an empty one gets the demo data')
            [CompletionResult]::new('--archive-after', '--archive-after', [CompletionResultType]::ParameterName, 'How long a resolved request stays reopenable before it is closed (`0` closes at once)')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a connection that takes longer than this to send a request''s head: new, idle between requests, or sending its headers slowly')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Answer 503 when a call takes longer than this to answer (streams run on)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections served at once; more are closed as they arrive (keep it under `ulimit -n`)')
            [CompletionResult]::new('--max-streams-per-member', '--max-streams-per-member', [CompletionResultType]::ParameterName, 'Live streams one member may hold open at once')
            [CompletionResult]::new('--max-streams-per-address', '--max-streams-per-address', [CompletionResultType]::ParameterName, 'Live streams one client address may hold open at once, members'' and visitors'' together; 0 for no cap, the default, since behind a proxy every client shares its address')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Rate limits: `off` lifts them all, for load tests and benchmarks')
            [CompletionResult]::new('--visitor-rate', '--visitor-rate', [CompletionResultType]::ParameterName, 'Visitor calls (request forms and messages) per minute from one client address')
            [CompletionResult]::new('--bot-rate', '--bot-rate', [CompletionResultType]::ParameterName, 'New requests per minute for one bot, from every address together')
            [CompletionResult]::new('--token-rate', '--token-rate', [CompletionResultType]::ParameterName, 'Members'' API calls per minute with one token')
            [CompletionResult]::new('--max-open-per-address', '--max-open-per-address', [CompletionResultType]::ParameterName, 'Open requests one client address may hold at once; more forms are refused until staff resolve one')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'A proxy whose X-Forwarded-For names the client (repeat for several); others'' is ignored')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The server''s log format on stderr')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;server;run' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: `sqlite://PATH` or a plain file path, or `postgres://USER@HOST/DB` (several servers may share one PostgreSQL database)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--archive-after', '--archive-after', [CompletionResultType]::ParameterName, 'How long a resolved request stays reopenable before it is closed (`0` closes at once)')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a connection that takes longer than this to send a request''s head: new, idle between requests, or sending its headers slowly')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Answer 503 when a call takes longer than this to answer (streams run on)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections served at once; more are closed as they arrive (keep it under `ulimit -n`)')
            [CompletionResult]::new('--max-streams-per-member', '--max-streams-per-member', [CompletionResultType]::ParameterName, 'Live streams one member may hold open at once')
            [CompletionResult]::new('--max-streams-per-address', '--max-streams-per-address', [CompletionResultType]::ParameterName, 'Live streams one client address may hold open at once, members'' and visitors'' together; 0 for no cap, the default, since behind a proxy every client shares its address')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Rate limits: `off` lifts them all, for load tests and benchmarks')
            [CompletionResult]::new('--visitor-rate', '--visitor-rate', [CompletionResultType]::ParameterName, 'Visitor calls (request forms and messages) per minute from one client address')
            [CompletionResult]::new('--bot-rate', '--bot-rate', [CompletionResultType]::ParameterName, 'New requests per minute for one bot, from every address together')
            [CompletionResult]::new('--token-rate', '--token-rate', [CompletionResultType]::ParameterName, 'Members'' API calls per minute with one token')
            [CompletionResult]::new('--max-open-per-address', '--max-open-per-address', [CompletionResultType]::ParameterName, 'Open requests one client address may hold at once; more forms are refused until staff resolve one')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'A proxy whose X-Forwarded-For names the client (repeat for several); others'' is ignored')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The log format on stderr')
            [CompletionResult]::new('--db-pool', '--db-pool', [CompletionResultType]::ParameterName, 'Connections this server keeps to PostgreSQL; mind the database''s `max_connections` across all replicas')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;server;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: `sqlite://PATH` or a plain file path, or `postgres://USER@HOST/DB` (several servers may share one PostgreSQL database)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The organization''s name')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'The first org admin''s email')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The first org admin''s display name [default: the email]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;server;seed' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database to fill: `sqlite://PATH` or a file path that must not exist yet, or an empty `postgres://USER@HOST/DB`')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'How many requests in all: 2% new, 1% assigned, 0.5% chatting, 1% resolved, the rest closed')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Exactly this many new requests (the rest of --requests is shared as above)')
            [CompletionResult]::new('--assigned', '--assigned', [CompletionResultType]::ParameterName, 'Exactly this many assigned requests')
            [CompletionResult]::new('--chatting', '--chatting', [CompletionResultType]::ParameterName, 'Exactly this many chatting requests')
            [CompletionResult]::new('--resolved', '--resolved', [CompletionResultType]::ParameterName, 'Exactly this many resolved requests')
            [CompletionResult]::new('--closed', '--closed', [CompletionResultType]::ParameterName, 'Exactly this many closed requests [default: whatever --requests leaves]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;server;migrate-db' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The database to copy: `sqlite://PATH`, a file path, or `postgres://USER@HOST/DB`')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The empty database to fill, of either kind')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save a token in a profile after checking it with the server')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who the active profile is logged in as')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile''s token')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the active token, for use in scripts')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'List, create or revoke API tokens')
            break
        }
        'livechat;auth;login' {
            [CompletionResult]::new('--invite', '--invite', [CompletionResultType]::ParameterName, 'Join with an invitation''s single-use code, getting a token of your own')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read the token from stdin (it is never taken as an argument, which would leak into shell history)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth;status' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth;logout' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth;token' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth;tokens' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your tokens (org admins: anyone''s)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for yourself; it is shown once')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it stops working at once (org admins: anyone''s)')
            break
        }
        'livechat;auth;tokens;list' {
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'Whose tokens (org admins only): an email or a member id')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every member''s tokens (org admins only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth;tokens;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the token is for, like `ci backlog check`')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long it lasts, like `90d` [default: until revoked]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;auth;tokens;revoke' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requests: the open queue by default, new first and newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one request: details, notes, transcript and timeline')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign requests to yourself or, as an admin, to another member')
            [CompletionResult]::new('unassign', 'unassign', [CompletionResultType]::ParameterValue, 'Give requests back to the queue')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve requests, optionally with a note')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Chat live with the visitor of a request you hold; or send one message, or follow')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print changes to the queue as they happen, one line each')
            [CompletionResult]::new('backlog', 'backlog', [CompletionResultType]::ParameterValue, 'Summarize the open queue; with thresholds, exit 3 when one is exceeded (for CI)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream archived requests as JSON Lines or CSV, to stdout or a file')
            break
        }
        'livechat;requests;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only requests assigned to this member: `me`, `none`, an email, or a member id')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only requests from this channel')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only requests created longer ago than this, like `10m` or `2h`')
            [CompletionResult]::new('--newer-than', '--newer-than', [CompletionResultType]::ParameterName, 'Only requests created more recently than this')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Show at most this many requests')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many requests')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every matching request, page by page')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;show' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;assign' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only requests assigned to this member: `me`, `none`, an email, or a member id')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only requests from this channel')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only requests created longer ago than this, like `10m` or `2h`')
            [CompletionResult]::new('--newer-than', '--newer-than', [CompletionResultType]::ParameterName, 'Only requests created more recently than this')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who gets the requests: `me`, an email or a member id; a comma list (`alice@x,bob@x`) or `online` spreads them evenly, least loaded first')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;unassign' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only requests assigned to this member: `me`, `none`, an email, or a member id')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only requests from this channel')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only requests created longer ago than this, like `10m` or `2h`')
            [CompletionResult]::new('--newer-than', '--newer-than', [CompletionResultType]::ParameterName, 'Only requests created more recently than this')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;resolve' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'States to include, comma-separated; `open` is new,assigned,chatting and `all` is every state [default: open]')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only requests assigned to this member: `me`, `none`, an email, or a member id')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only requests from this channel')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only requests created longer ago than this, like `10m` or `2h`')
            [CompletionResult]::new('--newer-than', '--newer-than', [CompletionResultType]::ParameterName, 'Only requests created more recently than this')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A resolution note, kept with each request')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;chat' {
            [CompletionResult]::new('--send', '--send', [CompletionResultType]::ParameterName, 'Send one message and exit; starts the chat first when you hold the request')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Print the conversation as it happens, until the request leaves chatting')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;watch' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only changes into these states, comma-separated (`open`, `all`, or names) [default: all]')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only changes that leave requests with this member: `me`, `none`, an email or an id')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only requests from this channel')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;backlog' {
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only requests from this channel')
            [CompletionResult]::new('--max-new', '--max-new', [CompletionResultType]::ParameterName, 'Fail (exit 3) when more than N requests are new')
            [CompletionResult]::new('--max-unassigned', '--max-unassigned', [CompletionResultType]::ParameterName, 'Fail (exit 3) when more than N open requests have no assignee')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Fail (exit 3) when the oldest new request is older than this, like `15m`')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;requests;export' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'States to export, comma-separated [default: closed]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only requests closed at or after this: a date (2026-11-01), an RFC 3339 time, or an age like `7d`')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only requests closed before this: a date, an RFC 3339 time, or an age like `1d`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl: each request with notes, messages and timeline; csv: one summary row each')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE; a name ending in `.gz` is gzip-compressed. `-` is stdout, which is also the default when stdout is not a terminal')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE; a name ending in `.gz` is gzip-compressed. `-` is stdout, which is also the default when stdout is not a terminal')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue the interrupted export to FILE after its last complete record')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;notes' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a note to a request; the text comes from --body, --body-file, or stdin')
            break
        }
        'livechat;notes;add' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'The note''s text')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The note''s text')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'Read the note from this file (`-` for stdin)')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the note from this file (`-` for stdin)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the members of your organization')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one member')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Invite someone: makes a single-use code they join with (org admins only)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member: their tokens are revoked, their history stays (org admins only)')
            [CompletionResult]::new('invitations', 'invitations', [CompletionResultType]::ParameterValue, 'List invitations, or revoke one (org admins only)')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change a member''s role (org admins only)')
            [CompletionResult]::new('presence', 'presence', [CompletionResultType]::ParameterValue, 'Show your presence, or set it')
            break
        }
        'livechat;members;list' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members;show' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Their role')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Their name [default: from the email]')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'With bot-admin: a bot they administer, by id (repeat for several)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long the code stays valid')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members;remove' {
            [CompletionResult]::new('--reassign-to', '--reassign-to', [CompletionResultType]::ParameterName, 'Where their open requests go first: a member, or `none` to put them back in the queue')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members;invitations' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a pending invitation, so its code no longer works')
            break
        }
        'livechat;members;invitations;revoke' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members;role' {
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'With bot-admin: a bot the member administers, by id (repeat for several)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;members;presence' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your organization''s bots')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a bot: channels, automatic texts and form')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a bot (org admins only)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a bot''s name, channels or automatic texts (org admins; bot admins of it)')
            [CompletionResult]::new('form', 'form', [CompletionResultType]::ParameterValue, 'Show or set a bot''s Live Chat Request Form')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Integration keys, which let a Discord or Messenger integration open requests')
            break
        }
        'livechat;bots;list' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;show' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;create' {
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Where it is deployed: web, discord, messenger, comma-separated')
            [CompletionResult]::new('--queue-reply', '--queue-reply', [CompletionResultType]::ParameterName, 'The bot''s answer while a request waits in the queue')
            [CompletionResult]::new('--agent-joined', '--agent-joined', [CompletionResultType]::ParameterName, 'The transcript''s line when an agent starts chatting; `{agent}` is their name')
            [CompletionResult]::new('--agent-left', '--agent-left', [CompletionResultType]::ParameterName, 'The transcript''s line when the agent stops chatting; `{agent}` is their name')
            [CompletionResult]::new('--offline-reply', '--offline-reply', [CompletionResultType]::ParameterName, 'The bot''s answer while no member is online')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A new name')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channels it is deployed on, replacing the current ones')
            [CompletionResult]::new('--queue-reply', '--queue-reply', [CompletionResultType]::ParameterName, 'The bot''s answer while a request waits in the queue')
            [CompletionResult]::new('--agent-joined', '--agent-joined', [CompletionResultType]::ParameterName, 'The transcript''s line when an agent starts chatting; `{agent}` is their name')
            [CompletionResult]::new('--agent-left', '--agent-left', [CompletionResultType]::ParameterName, 'The transcript''s line when the agent stops chatting; `{agent}` is their name')
            [CompletionResult]::new('--offline-reply', '--offline-reply', [CompletionResultType]::ParameterName, 'The bot''s answer while no member is online')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;form' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the form''s fields')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Replace the form: from a file shaped as `form show --json` prints, or from --field flags')
            break
        }
        'livechat;bots;form;show' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;form;set' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The form as JSON (`-` for stdin)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A field as KEY:LABEL:KIND, with `:required` to require it and `select=A|B` as the kind of a choice (repeat, in order)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;keys' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a bot''s integration keys')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an integration key; it is shown once')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an integration key: it stops working at once')
            break
        }
        'livechat;bots;keys;list' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;keys;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the key is for, like `discord gateway`')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;bots;keys;revoke' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;webhooks' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a webhook; its signing secret is shown once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the webhooks')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a webhook; what it had not delivered is given up on')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a `webhook.test` event now and show how the receiver answered')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show recent deliveries, newest first')
            [CompletionResult]::new('redeliver', 'redeliver', [CompletionResultType]::ParameterValue, 'Send a delivery again (and turn its webhook back on if it was disabled)')
            break
        }
        'livechat;webhooks;add' {
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events, comma-separated: request.created, request.assigned, request.resolved, request.closed, message.created')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only this bot''s requests, by id')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;webhooks;list' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;webhooks;remove' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;webhooks;test' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;webhooks;deliveries' {
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Only this webhook''s')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only those that failed, or are failing and waiting for another try')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;webhooks;redeliver' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;stats' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look, like `24h`, `7d` or `30d`')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Only requests of this bot, by id or name')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;api' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A string field: `key=value`; the JSON body, or the query string for GET')
            [CompletionResult]::new('--raw-field', '--raw-field', [CompletionResultType]::ParameterName, 'A string field: `key=value`; the JSON body, or the query string for GET')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A typed field: `key=value`, where the value is read as JSON when it parses (numbers, true, false, null, arrays, objects) and as a string otherwise')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A typed field: `key=value`, where the value is read as JSON when it parses (numbers, true, false, null, arrays, objects) and as a string otherwise')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Send this file (`-` for stdin) as the request body, as it is')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON with a jq expression (implies --json); strings print without quotes')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table; the fields are listed in the README')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;completions' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;help' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'livechat;generate-docs' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The project folder to write `completions/`, `man/` and `docs/cli-help.txt` into')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server URL [default: the profile''s URL, else http://127.0.0.1:7420]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token [default: the profile''s token]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [default: the config''s default profile]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each call to the server, like `30s` or `2m`')
            [CompletionResult]::new('--retry-for', '--retry-for', [CompletionResultType]::ParameterName, 'How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
