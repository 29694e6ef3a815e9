using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Asterisk restarted under the controller in the middle of calls.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class AsteriskRestartTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    [Fact]
    public async Task AsteriskRestartedMidCall_TheLostCallsAreForgotten_AndTheNextCallIsBridged()
    {
        var bridgedCall = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        await Controller.WaitForBridgedAsync(bridgedCall.Call);
        await Controller.PlaceCallAsync("1001", "1002");
        await Controller.WaitForRingingAtAsync("1002");
        Assert.Equal(2, Controller.ActiveCalls);

        await AsteriskScript.RunAsync("restart", TimeSpan.FromMinutes(2));

        // After the reconnect the controller learns that every channel of its calls is gone.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Controller.ActiveCalls != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Controller.ActiveCalls} calls still held after Asterisk restarted");
            await Task.Delay(100);
        }

        await Controller.WaitForSimConnectedAsync();
        var next = await Controller.PlaceCallAsync("2001", "2002");
        var nextCallee = await Controller.Events.WaitForAsync<PhoneGroups.Ari.Events.StasisStart>(
            e => e.Application == "phonegroups-sim" && e.Args.Count > 0 && e.Args[0] == "2002" && e.Channel.Id != callee.Channel.Id, TimeSpan.FromSeconds(15));
        await Controller.Ari.AnswerAsync(nextCallee.Channel.Id);
        await Controller.WaitForBridgedAsync(next.Call);
        await Controller.Ari.HangupAsync(next.Phone);
        await Controller.AssertNothingLeftAsync();
    }
}
