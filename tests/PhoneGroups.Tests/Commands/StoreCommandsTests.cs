namespace PhoneGroups.Tests.Commands;

/// <summary><c>token</c>, <c>export</c> and <c>import</c> on a SQLite store in a temporary folder.</summary>
public sealed class StoreCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonegroups-cmd-").FullName;

    private string[] Store => ["--Store:Provider", "sqlite", "--Store:Path", Path.Combine(_directory, "store.db")];

    [Fact]
    public void TokenCreate_PrintsTheTokenOnce_AsTheLastLine_AndListShowsNamesOnly()
    {
        var created = CommandRun.Of(["token", "create", "--name", "alice", "--role", "admin", .. Store]);
        var token = created.Stdout.TrimEnd().Split('\n')[^1];

        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("pgt_", token, StringComparison.Ordinal);
        var list = CommandRun.Of(["token", "list", .. Store]);
        Assert.StartsWith("alice\tadmin\t", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, CommandRun.Of(["token", "create", "--name", "ALICE", "--role", "viewer", .. Store]).ExitCode);
        Assert.Equal(0, CommandRun.Of(["token", "revoke", "alice", .. Store]).ExitCode);
        Assert.Equal(string.Empty, CommandRun.Of(["token", "list", .. Store]).Stdout);
    }

    [Theory]
    [InlineData("--name", "alice", "--role", "root", "--role must be")]
    [InlineData("--name", "has space", "--role", "admin", "--name NAME")]
    public void TokenCreate_WithBadArguments_SaysWhich(string a, string b, string c, string d, string message)
    {
        var run = CommandRun.Of(["token", "create", a, b, c, d, .. Store]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_DryRunShowsTheDiff_ThenImportWritesOneRevision_AndExportPrintsIt()
    {
        using var first = new TempPolicyFile();
        using var second = new TempPolicyFile(TempPolicyFile.Example.Replace("language: fr", "language: de", StringComparison.Ordinal));
        Assert.Equal(0, CommandRun.Of(["import", first.Path, .. Store]).ExitCode);

        var dry = CommandRun.Of(["import", second.Path, "--dry-run", .. Store]);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("-    language: fr\n+    language: de", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(first.Path).TrimEnd() + "\n", CommandRun.Of(["export", .. Store]).Stdout);

        var imported = CommandRun.Of(["import", second.Path, "--summary", "Sales speak German", .. Store]);
        Assert.Contains("revision 2", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("language: de", CommandRun.Of(["export", .. Store]).Stdout, StringComparison.Ordinal);
        Assert.Contains("language: fr", CommandRun.Of(["export", "--revision", "1", .. Store]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OfAnInvalidFile_ListsTheErrors_AndWritesNothing()
    {
        using var broken = new TempPolicyFile("version: 1\ngroups:\n  - name: X\n    isolated: maybe\n");

        var run = CommandRun.Of(["import", broken.Path, .. Store]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(":4:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, CommandRun.Of(["export", .. Store]).ExitCode); // still empty
    }

    [Fact]
    public void Import_IntoTheFileProvider_IsRefused()
    {
        using var policy = new TempPolicyFile();

        var run = CommandRun.Of(["import", policy.Path, "--Store:Provider", "file", "--Policy:Path", policy.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("managed as a file", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
