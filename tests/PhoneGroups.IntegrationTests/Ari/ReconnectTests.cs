using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Ari;

/// <summary>The event connection survives an Asterisk restart by itself.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class ReconnectTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => asterisk.CleanUpAndAssertNothingLeftAsync();

    [Fact]
    public async Task AsteriskRestart_ConnectionComesBackByItself_AndEventsFlowAgain()
    {
        await using var connection = await asterisk.ConnectAsync("phonegroups-sim");
        using var events = new EventRecorder(connection.Events);

        await AsteriskScript.RunAsync("restart", TimeSpan.FromMinutes(2));

        var back = await connection.WaitForStateAsync(s => s.IsReconnect, TimeSpan.FromSeconds(30));
        Assert.True(back.Connections >= 2);

        var id = "it-after-restart-" + Guid.NewGuid().ToString("N")[..8];
        await asterisk.Client.OriginateAsync(new OriginateRequest("Local/2001@phonegroups-sim") { App = "phonegroups-sim", ChannelId = id, OtherChannelId = id + "-2" });
        var start = await events.WaitForAsync<StasisStart>(e => e.Channel.Id == id + "-2");
        Assert.Equal(["2001"], start.Args);

        // End the call while this connection still holds the application: an application that still has
        // channels when its last connection leaves stays registered in Asterisk with the subscription
        // model it was created with, and a later subscribeAll connection (the harness) would silently
        // get only its own channels' events.
        await asterisk.Client.HangupAsync(id);
        await events.WaitForAsync<ChannelDestroyed>(e => e.Channel.Id == id + "-2");
    }
}
