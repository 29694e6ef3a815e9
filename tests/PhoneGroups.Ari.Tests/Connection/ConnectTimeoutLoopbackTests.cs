using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;

namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>
/// The real ClientWebSocket against a loopback server that accepts TCP but does not answer the upgrade:
/// its connect times out (with an OperationCanceledException), and reconnecting must go on.
/// </summary>
public sealed class ConnectTimeoutLoopbackTests
{
    [Fact]
    public async Task Connect_ToAHostThatNeverAnswersTheUpgrade_TimesOutAndIsRetriedUntilItConnects()
    {
        await using var server = new SilentThenAnsweringServer(silent: 2);
        var logger = new ListLogger<AriEventConnection>();
        var options = new AriOptions { Url = server.Url, User = "phonegroups", Password = "pw", App = "phonegroups", RequestTimeoutSeconds = 1, MaxReconnectDelaySeconds = 0.2 };
        await using var sut = new AriEventConnection(Options.Create(options), logger);

        sut.Start();
        var connected = await Bounded.WaitAsync(sut.States.Where(s => s.IsConnected).FirstAsync().ToTask(), "never connected after the silent attempts");

        Assert.Equal(1, connected.Connections);
        Assert.Equal(3, server.Accepted);
        Assert.Equal(2, logger.Lines.Count(l => l.Level == LogLevel.Warning && l.Message.Contains("no WebSocket handshake", StringComparison.Ordinal)));
    }
}
