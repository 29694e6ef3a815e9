using System.Globalization;
using System.Text.RegularExpressions;
using PhoneGroups.Store;

namespace PhoneGroups.Commands;

/// <summary><c>token create|list|revoke</c>: the API's bearer tokens, stored hashed in the store.</summary>
internal static partial class TokenCommand
{
    public const string Usage = """
        Usage: phonegroups token create --name NAME --role admin|viewer [--Store:Key value ...]
               phonegroups token list [--Store:Key value ...]
               phonegroups token revoke NAME [--Store:Key value ...]

        create   makes a token and prints it once, as the last line: keep it, it cannot be shown again
                 (the store keeps only its SHA-256). admin reads and writes; viewer only reads.
        list     the tokens' names, roles and creation times (never the tokens)
        revoke   deletes a token; requests with it are refused from then on
        The store is the controller's: Store:Provider, Store:Path, Store:ConnectionString (appsettings.json,
        environment or command line, as for 'run').
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            (args.Count == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Count == 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        }

        var settings = StoreCommandSettings.Read(args.Skip(1).ToList());
        if (settings.Validate() is { Count: > 0 } problems)
        {
            return Fail(stderr, string.Join(Environment.NewLine, problems));
        }

        var database = StoreFactory.Database(settings.Store);
        try
        {
            database.InitializeAsync().GetAwaiter().GetResult();
            return args[0] switch
            {
                "create" => Create(database, settings, stdout, stderr),
                "list" => List(database, settings, stdout, stderr),
                "revoke" => Revoke(database, settings, stdout, stderr),
                _ => Fail(stderr, $"unknown action '{args[0]}': create, list or revoke"),
            };
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(stderr, $"the store ({settings.Describe()}) cannot be used: {e.Message}");
        }
        finally
        {
            (database as IDisposable)?.Dispose();
        }
    }

    private static int Create(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (!CommandArguments.TryParse(settings.Rest, ["--name", "--role"], [], out var options, out var error))
        {
            return Fail(stderr, error);
        }

        var name = options.Value("--name");
        var role = options.Value("--role");
        if (name is null || !ValidName().IsMatch(name))
        {
            return Fail(stderr, "--name NAME is required: 1 to 64 letters, digits, '.', '_', '-' or '@' (it is the author of the changes made with the token)");
        }

        if (role is null || !ApiRoles.IsKnown(role))
        {
            return Fail(stderr, $"--role must be {ApiRoles.Admin} or {ApiRoles.Viewer}");
        }

        var secret = TokenSecrets.Create();
        if (!store.AddAsync(new ApiToken(name, role, TokenSecrets.Hash(secret), DateTimeOffset.UtcNow)).GetAwaiter().GetResult())
        {
            return Fail(stderr, $"a token named '{name}' exists: revoke it first, or pick another name");
        }

        stdout.WriteLine($"Token '{name}' ({role}) created in {settings.Describe()}. It is shown only now; send it as 'Authorization: Bearer <token>':");
        stdout.WriteLine(secret);
        return ExitCodes.Success;
    }

    private static int List(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Rest.Count > 0)
        {
            return Fail(stderr, $"unexpected argument '{settings.Rest[0]}'");
        }

        foreach (var token in store.ListAsync().GetAwaiter().GetResult())
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{token.Name}\t{token.Role}\t{token.CreatedUtc:yyyy-MM-dd HH:mm:ss}Z"));
        }

        return ExitCodes.Success;
    }

    private static int Revoke(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Rest.Count != 1)
        {
            return Fail(stderr, "token revoke NAME: name one token");
        }

        var name = settings.Rest[0];
        if (!store.RevokeAsync(name).GetAwaiter().GetResult())
        {
            return Fail(stderr, $"no token named '{name}'");
        }

        stdout.WriteLine($"Token '{name}' revoked.");
        return ExitCodes.Success;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"phonegroups token: {message}");
        return ExitCodes.InvalidInput;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex ValidName();
}
