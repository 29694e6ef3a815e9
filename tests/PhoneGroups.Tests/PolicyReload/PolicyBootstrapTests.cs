using PhoneGroups.PolicyReload;
using PhoneGroups.Store;
using PhoneGroups.Tests.Calls;

namespace PhoneGroups.Tests.PolicyReload;

/// <summary>
/// The policy a controller with a database store starts with: the file seeds an empty store, and afterwards
/// an edited file is not silently ignored — the admin is told how to apply it.
/// </summary>
public sealed class PolicyBootstrapTests : IDisposable
{
    private const string Policy = "version: 1\ngroups:\n  - name: Sales\n    members: [\"2001\"]\n";
    private readonly string _directory = Directory.CreateTempSubdirectory("phonegroups-bootstrap-").FullName;
    private readonly RecordingLoggerProvider _log = new();

    private string PolicyPath => Path.Combine(_directory, "policy.yaml");

    [Fact]
    public void ByDefault_TheStoreIsSqlite_SoTheApiCanWrite()
    {
        Assert.Equal(StoreProviders.Sqlite, new StoreOptions().Provider);
    }

    [Fact]
    public void AnEmptyStore_IsSeededFromTheFile()
    {
        File.WriteAllText(PolicyPath, Policy);

        var publisher = PolicyBootstrap.Start(Store(), PolicyPath, _log.CreateLogger("test"));

        Assert.Equal(1, publisher.Revision.Id);
        Assert.Contains(_log.Lines, l => l.Message.Contains("is revision 1", StringComparison.Ordinal));
    }

    [Fact]
    public void AFileEditedAfterTheStoresNewestRevision_IsNamed_WithHowToApplyIt()
    {
        File.WriteAllText(PolicyPath, Policy);
        PolicyBootstrap.Start(Store(), PolicyPath, _log.CreateLogger("test"));
        File.WriteAllText(PolicyPath, Policy + "  - name: Finance\n");
        File.SetLastWriteTimeUtc(PolicyPath, DateTime.UtcNow.AddMinutes(1));

        var publisher = PolicyBootstrap.Start(Store(), PolicyPath, _log.CreateLogger("test"));

        Assert.Equal(1, publisher.Revision.Id); // the store stays in force
        var warning = Assert.Single(_log.Lines, l => l.Message.Contains("changed after revision 1", StringComparison.Ordinal));
        Assert.Contains("phonegroups import", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Store:Provider file", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeedFileUnchanged_SaysNothing()
    {
        File.WriteAllText(PolicyPath, Policy);
        PolicyBootstrap.Start(Store(), PolicyPath, _log.CreateLogger("test"));
        File.SetLastWriteTimeUtc(PolicyPath, DateTime.UtcNow.AddMinutes(1)); // touched, same content

        PolicyBootstrap.Start(Store(), PolicyPath, _log.CreateLogger("test"));

        Assert.DoesNotContain(_log.Lines, l => l.Message.Contains("changed after", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _log.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteStore Store() => new(Path.Combine(_directory, "store.db"));
}
