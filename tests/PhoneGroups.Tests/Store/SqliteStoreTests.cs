using PhoneGroups.Store;

namespace PhoneGroups.Tests.Store;

/// <summary>The SQLite store on a real file: revisions in order, no lost writes, tokens by hash.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonegroups-store-").FullName;

    private SqliteStore CreateSut() => new(Path.Combine(_directory, "store.db"));

    [Fact]
    public async Task Append_NumbersRevisions_AndTheNewestIsLatest()
    {
        var store = CreateSut();
        await store.InitializeAsync();

        Assert.Null(await store.GetLatestAsync());
        Assert.Equal(0, await store.GetLatestIdAsync());
        var first = await store.AppendAsync(0, "version: 1\n", "seed", "seeded");
        var second = await store.AppendAsync(first.Id, "version: 1\ngroups: []\n", "alice", "groups emptied", restoredFrom: null);

        Assert.Equal([1L, 2L], [first.Id, second.Id]);
        var latest = await store.GetLatestAsync();
        Assert.Equal(second with { CreatedUtc = latest!.CreatedUtc }, latest);
        Assert.Equal(["alice", "seed"], (await store.ListAsync(10)).Select(r => r.Author));
        Assert.Equal(["seed"], (await store.ListAsync(10, before: 2)).Select(r => r.Author));
    }

    [Fact]
    public async Task Append_BasedOnAnOlderRevision_Fails_AndWritesNothing()
    {
        var store = CreateSut();
        await store.InitializeAsync();
        await store.AppendAsync(0, "version: 1\n", "seed", "seeded");
        await store.AppendAsync(1, "version: 1\n# a\n", "alice", "a");

        var conflict = await Assert.ThrowsAsync<RevisionConflictException>(() => store.AppendAsync(1, "version: 1\n# b\n", "bob", "b"));

        Assert.Equal(2, conflict.Latest);
        Assert.Equal(2, await store.GetLatestIdAsync());
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SeeEachOthersRevisions()
    {
        var one = CreateSut();
        var other = CreateSut();
        await one.InitializeAsync();
        await other.InitializeAsync();

        await one.AppendAsync(0, "version: 1\n", "seed", "seeded");

        Assert.Equal(1, await other.GetLatestIdAsync());
    }

    [Fact]
    public async Task Tokens_AreUniqueIgnoringCase_FoundByHash_AndRevoked()
    {
        var store = CreateSut();
        await store.InitializeAsync();
        var token = new ApiToken("Alice", ApiRoles.Admin, TokenSecrets.Hash("secret-1"), DateTimeOffset.UtcNow);

        Assert.True(await store.AddAsync(token));
        Assert.False(await store.AddAsync(token with { Name = "alice", Hash = TokenSecrets.Hash("secret-2") }));
        Assert.Equal("Alice", (await store.FindByHashAsync(TokenSecrets.Hash("secret-1")))?.Name);
        Assert.Null(await store.FindByHashAsync(TokenSecrets.Hash("secret-2")));
        Assert.True(await store.RevokeAsync("ALICE"));
        Assert.Null(await store.FindByHashAsync(TokenSecrets.Hash("secret-1")));
        Assert.False(await store.RevokeAsync("alice"));
    }

    [Fact]
    public void TokenSecrets_AreRandom_AndOnlyTheirHashIsKept()
    {
        var a = TokenSecrets.Create();
        var b = TokenSecrets.Create();

        Assert.NotEqual(a, b);
        Assert.StartsWith(TokenSecrets.Prefix, a, StringComparison.Ordinal);
        Assert.Equal(64, TokenSecrets.Hash(a).Length);
        Assert.DoesNotContain(a, TokenSecrets.Hash(a), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
