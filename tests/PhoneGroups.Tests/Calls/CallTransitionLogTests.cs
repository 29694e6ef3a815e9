using Microsoft.Extensions.Logging;

namespace PhoneGroups.Tests.Calls;

/// <summary>Every change of a call's state is one Debug line <c>Call X: A -> Event -> B</c> (event id 113), what an engineer follows a call by.</summary>
public sealed class CallTransitionLogTests
{
    private const int TransitionEventId = 113;

    [Fact]
    public async Task EachTransition_IsLoggedAsStateEventState_AtDebug()
    {
        await using var sut = new ControllerUnderTest();
        await sut.StartAsync();

        sut.Asterisk.CallEnters("A", "2001", "2002");
        await sut.InState("A", "Dialing");
        sut.Asterisk.LegEnters("A-leg1");
        sut.DialStatus("A-leg1", "A", "ANSWER");
        await sut.InState("A", "Bridged");

        var transitions = sut.Log.Lines.Where(l => l.EventId.Id == TransitionEventId).ToList();
        Assert.Equal(["Call A: Deciding -> StasisStart -> Dialing", "Call A: Dialing -> Dial -> Bridged"], transitions.Select(l => l.Message));
        Assert.All(transitions, l => Assert.Equal(LogLevel.Debug, l.Level));
    }
}
