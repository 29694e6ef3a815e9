using PhoneGroups.Commands;
using PhoneGroups.Store;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Tests.Commands;

/// <summary><c>user create|password|list|delete</c> on a SQLite store, the password read from standard input.</summary>
public sealed class UserCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonegroups-user-").FullName;

    private string StorePath => Path.Combine(_directory, "store.db");

    private string[] Store => ["--Store:Provider", "sqlite", "--Store:Path", StorePath];

    [Fact]
    public async Task Create_StoresAHashNeverThePassword_AndListShowsNoSecret()
    {
        var created = Run(["create", "alice", "--role", "admin", .. Store], "a long password\n");

        Assert.Equal(0, created.ExitCode);
        var user = await new SqliteStore(StorePath).FindUserAsync("ALICE");
        Assert.NotNull(user);
        Assert.Equal(ApiRoles.Admin, user.Role);
        Assert.DoesNotContain("a long password", user.PasswordHash, StringComparison.Ordinal);
        Assert.True(ConsolePasswords.Verify(user.PasswordHash, "a long password", out _));
        Assert.False(ConsolePasswords.Verify(user.PasswordHash, "another password", out _));
        Assert.DoesNotContain("a long password", File.ReadAllText(StorePath), StringComparison.Ordinal);
        var list = Run(["list", .. Store], string.Empty);
        Assert.StartsWith("alice\tadmin\t", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(user.PasswordHash, list.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short\n", "shorter than 8")]
    [InlineData("", "empty")]
    public void Create_WithABadPassword_SaysWhy_AndMakesNoAccount(string input, string message)
    {
        var run = Run(["create", "bob", "--role", "viewer", .. Store], input);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Run(["list", .. Store], string.Empty).Stdout);
    }

    [Fact]
    public void Create_TwiceOrWithAnUnknownRole_IsRefused()
    {
        Assert.Equal(0, Run(["create", "carol", "--role", "viewer", .. Store], "password one\n").ExitCode);

        var twice = Run(["create", "CAROL", "--role", "admin", .. Store], "password two\n");
        var root = Run(["create", "dave", "--role", "root", .. Store], "password two\n");

        Assert.Contains("exists", twice.Stderr, StringComparison.Ordinal);
        Assert.Contains("--role must be", root.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_ChangesTheHash_AndDeleteRemovesTheAccount()
    {
        Run(["create", "erin", "--role", "admin", .. Store], "first password\n");

        Assert.Equal(0, Run(["password", "erin", .. Store], "second password\n").ExitCode);
        var user = await new SqliteStore(StorePath).FindUserAsync("erin");
        Assert.True(ConsolePasswords.Verify(user!.PasswordHash, "second password", out _));

        Assert.Equal(0, Run(["delete", "erin", .. Store], string.Empty).ExitCode);
        Assert.Null(await new SqliteStore(StorePath).FindUserAsync("erin"));
        Assert.Equal(ExitCodes.InvalidInput, Run(["delete", "erin", .. Store], string.Empty).ExitCode);
    }

    private static CommandRun Run(string[] args, string stdin)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = UserCommand.Run(args, stdout, stderr, new StringReader(stdin), interactive: false);
        return new CommandRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
