using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Tests.Connection;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Ari.Tests.Rest;

/// <summary>
/// Asterisk refuses HTTP sessions past http.conf's sessionlimit (100 by default; ARI's WebSockets count
/// too). A burst of calls must make the controller queue its requests on at most Ari:MaxConnections
/// connections, not open one per request and be refused (seen with 1,000 calls set up at once).
/// </summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task ManyRequestsAtOnce_UseAtMostMaxConnections()
    {
        await using var server = new HeldResponsesServer();
        var options = new AriOptions { Url = server.Url, User = "phonegroups", Password = "pw", App = "phonegroups", MaxConnections = 4 };
        using var client = new AriRestClient(Options.Create(options), NullLogger<AriRestClient>.Instance);

        var requests = Enumerable.Range(0, 40).Select(_ => client.PingAsync()).ToArray();
        await Bounded.WaitAsync(server.FirstAccepted, "no request reached the server");
        // Every request is in flight and none is answered: without a limit the client opens one connection each.
        await Bounded.WaitAsync(Task.Run(async () =>
        {
            while (server.Accepted < 4)
            {
                await Task.Delay(10);
            }
        }), "the client opened fewer connections than allowed");
        server.Release();
        await Bounded.WaitAsync(Task.WhenAll(requests), "the held requests were not answered");

        Assert.Equal(4, server.Accepted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void MaxConnections_OutOfRange_IsNamedByItsKey(int value)
    {
        var options = new AriOptions { Url = "http://127.0.0.1:8088", User = "phonegroups", Password = "pw", App = "phonegroups", MaxConnections = value };

        var result = new AriOptionsValidation().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains($"Ari:MaxConnections must be between 1 and 1000, not {value}", result.FailureMessage, StringComparison.Ordinal);
    }
}
