using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// The real Asterisk of eng/asterisk.sh, started once for all integration tests. If it cannot be started
/// every test fails with the script's explanation: these tests are never skipped.
/// </summary>
public sealed class AsteriskFixture : IAsyncLifetime
{
    private Exception? _startFailure;

    /// <summary>ARI settings of the demo configuration in asterisk-conf/.</summary>
    public static AriOptions Options(string app = "phonegroups-it", bool subscribeAll = false) => new()
    {
        SubscribeAll = subscribeAll,
        Url = "http://127.0.0.1:8088",
        User = "phonegroups",
        Password = "phonegroups",
        App = app,
        MaxReconnectDelaySeconds = 1,
    };

    /// <summary>A REST client for the tests' own use (setting up calls, checking what is left).</summary>
    public AriRestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await AsteriskScript.RunAsync("start", TimeSpan.FromMinutes(5));
        }
#pragma warning disable CA1031 // reported by every test instead, with the reason
        catch (Exception e)
#pragma warning restore CA1031
        {
            _startFailure = e;
        }

        Client = new AriRestClient(Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<AriRestClient>.Instance);
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Fails the calling test with the reason Asterisk could not be started, if it could not.</summary>
    public void EnsureStarted()
    {
        if (_startFailure is not null)
        {
            throw new InvalidOperationException("The real Asterisk could not be started, so this integration test cannot run: " + _startFailure.Message, _startFailure);
        }
    }

    /// <summary>An event connection for <paramref name="app"/>, started and connected; <paramref name="configure"/> may change its settings.</summary>
    public async Task<AriEventConnection> ConnectAsync(string app, Action<AriOptions>? configure = null)
    {
        EnsureStarted();
        var options = Options(app);
        configure?.Invoke(options);
        var connection = new AriEventConnection(Microsoft.Extensions.Options.Options.Create(options), NullLogger<AriEventConnection>.Instance);
        connection.Start();
        await connection.WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(10));
        return connection;
    }

    /// <summary>Hangs up every channel and destroys every bridge, then asserts none is left.</summary>
    public async Task CleanUpAndAssertNothingLeftAsync()
    {
        foreach (var bridge in await Client.ListBridgesAsync())
        {
            await Client.DestroyBridgeAsync(bridge.Id);
        }

        foreach (var channel in await Client.ListChannelsAsync())
        {
            await Client.HangupAsync(channel.Id);
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await Client.ListChannelsAsync()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Empty(await Client.ListChannelsAsync());
        Assert.Empty(await Client.ListBridgesAsync());
    }
}

/// <summary>Every integration test shares the one Asterisk and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AsteriskCollection : ICollectionFixture<AsteriskFixture>
{
    public const string Name = "Asterisk";
}
