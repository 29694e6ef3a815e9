using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PhoneGroups.Store;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Commands;

/// <summary><c>user create|list|delete|password</c>: the web console's accounts, their passwords stored hashed in the store.</summary>
internal static partial class UserCommand
{
    public const string Usage = """
        Usage: phonegroups user create NAME --role admin|viewer [--Store:Key value ...]
               phonegroups user password NAME [--Store:Key value ...]
               phonegroups user list [--Store:Key value ...]
               phonegroups user delete NAME [--Store:Key value ...]

        create     makes a console account; asks for its password twice (on a terminal, not echoed), or reads
                   one line from standard input when it is not a terminal:  printf '%s\n' "$PW" | phonegroups user create ...
                   admin reads and writes; viewer sees everything and changes nothing.
        password   sets a new password (the same way)
        list       the accounts' names, roles and creation times (never passwords)
        delete     removes an account; its sessions end at their next request
        Passwords are hashed (ASP.NET Core Identity, PBKDF2) and never stored or printed. The store is the
        controller's: Store:Provider, Store:Path, Store:ConnectionString, as for 'run'.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TextReader stdin, bool interactive)
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
                "create" => Create(database, settings, stdout, stderr, stdin, interactive),
                "password" => Password(database, settings, stdout, stderr, stdin, interactive),
                "list" => List(database, settings, stdout, stderr),
                "delete" => Delete(database, settings, stdout, stderr),
                _ => Fail(stderr, $"unknown action '{args[0]}': create, password, list or delete"),
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

    private static int Create(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr, TextReader stdin, bool interactive)
    {
        if (!CommandArguments.TryParse(settings.Rest.Skip(1).ToList(), ["--role"], [], out var options, out var error))
        {
            return Fail(stderr, error);
        }

        var name = settings.Rest.FirstOrDefault();
        var role = options.Value("--role");
        if (name is null || !ValidName().IsMatch(name))
        {
            return Fail(stderr, "user create NAME: the name is 1 to 64 letters, digits, '.', '_', '-' or '@' (it is the author of the changes made in the console)");
        }

        if (role is null || !ApiRoles.IsKnown(role))
        {
            return Fail(stderr, $"--role must be {ApiRoles.Admin} or {ApiRoles.Viewer}");
        }

        if (store.FindUserAsync(name).GetAwaiter().GetResult() is not null)
        {
            return Fail(stderr, $"a user named '{name}' exists: 'user password {name}' changes its password, 'user delete {name}' removes it");
        }

        if (ReadPassword(name, stderr, stdin, interactive, out var password) is { } problem)
        {
            return Fail(stderr, problem);
        }

        if (!store.AddUserAsync(new ConsoleUser(name, role, ConsolePasswords.Hash(password), DateTimeOffset.UtcNow)).GetAwaiter().GetResult())
        {
            return Fail(stderr, $"a user named '{name}' exists");
        }

        stdout.WriteLine($"Console user '{name}' ({role}) created in {settings.Describe()}; sign in at the controller's HTTP address (Http:Url).");
        return ExitCodes.Success;
    }

    private static int Password(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr, TextReader stdin, bool interactive)
    {
        if (settings.Rest.Count != 1)
        {
            return Fail(stderr, "user password NAME: name one user");
        }

        var name = settings.Rest[0];
        if (store.FindUserAsync(name).GetAwaiter().GetResult() is null)
        {
            return Fail(stderr, $"no user named '{name}'");
        }

        if (ReadPassword(name, stderr, stdin, interactive, out var password) is { } problem)
        {
            return Fail(stderr, problem);
        }

        store.SetPasswordHashAsync(name, ConsolePasswords.Hash(password)).GetAwaiter().GetResult();
        stdout.WriteLine($"Password of '{name}' changed.");
        return ExitCodes.Success;
    }

    private static int List(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Rest.Count > 0)
        {
            return Fail(stderr, $"unexpected argument '{settings.Rest[0]}'");
        }

        foreach (var user in store.ListUsersAsync().GetAwaiter().GetResult())
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{user.Name}\t{user.Role}\t{user.CreatedUtc:yyyy-MM-dd HH:mm:ss}Z"));
        }

        return ExitCodes.Success;
    }

    private static int Delete(SqlStore store, StoreCommandSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Rest.Count != 1)
        {
            return Fail(stderr, "user delete NAME: name one user");
        }

        var name = settings.Rest[0];
        if (!store.DeleteUserAsync(name).GetAwaiter().GetResult())
        {
            return Fail(stderr, $"no user named '{name}'");
        }

        stdout.WriteLine($"Console user '{name}' deleted.");
        return ExitCodes.Success;
    }

    /// <summary>Twice without echo on a terminal; one line from standard input otherwise. Returns the problem, or null.</summary>
    private static string? ReadPassword(string name, TextWriter stderr, TextReader stdin, bool interactive, out string password)
    {
        if (!interactive)
        {
            password = stdin.ReadLine() ?? string.Empty;
            return ConsolePasswords.Problem(password);
        }

        stderr.Write($"Password for {name}: ");
        password = ReadHidden();
        if (ConsolePasswords.Problem(password) is { } problem)
        {
            return problem;
        }

        stderr.Write("Again: ");
        return ReadHidden() == password ? null : "the two passwords differ";
    }

    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                System.Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"phonegroups user: {message}");
        return ExitCodes.InvalidInput;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex ValidName();
}
