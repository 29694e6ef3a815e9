using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Forwards;

/// <summary>
/// Forwards a PBX keeps in its own dialplan ([phonegroups-forward] of asterisk-conf/extensions.conf, the AstDB's
/// CF/&lt;extension&gt; as FreePBX's *72 sets it): the call reaches the controller as a call from the forwarder.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class DialplanForwardTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "forwards.yaml")
{
    [Fact]
    public async Task DialplanForward_IsDecidedAsTheForwarder_WhoMayCallOut_ThoughTheCallerMayNot()
    {
        await ForwardAsync("2003", "5551234");
        try
        {
            var call = await Controller.PlaceCallAsync("3002", "2003", "phonegroups-test-forward"); // Lobby: internal only

            var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15));
            Assert.Equal("5550100", target.Channel.Caller.Number); // Sales' caller ID: 2003's group
            await Controller.Ari.AnswerAsync(target.Channel.Id);
            await Controller.WaitForBridgedAsync(call.Call);
            await Controller.Ari.HangupAsync(call.Phone);
            await Controller.WaitForHangupAsync(target.Channel.Id);
            await Controller.AssertNothingLeftAsync();
        }
        finally
        {
            await UnforwardAsync("2003");
        }
    }

    [Fact]
    public async Task DialplanForward_ByAnExtensionThatMayNotCallTheTarget_IsDenied()
    {
        await ForwardAsync("3002", "5551234");
        try
        {
            var call = await Controller.PlaceCallAsync("4001", "3002", "phonegroups-test-forward"); // Support itself may call out

            Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
            Assert.DoesNotContain(Controller.Events.Snapshot().OfType<PhoneGroups.Ari.Events.StasisStart>(), e => e.Args.Contains("5551234") && e.Application == "phonegroups-sim");
            await Controller.AssertNothingLeftAsync();
        }
        finally
        {
            await UnforwardAsync("3002");
        }
    }

    /// <summary>What FreePBX's *72 does: the forward target in the AstDB.</summary>
    private static Task ForwardAsync(string extension, string target) =>
        AsteriskScript.RunAsync($"cli \"database put CF {extension} {target}\"", TimeSpan.FromSeconds(20));

    private static Task UnforwardAsync(string extension) =>
        AsteriskScript.RunAsync($"cli \"database del CF {extension}\"", TimeSpan.FromSeconds(20));
}
