using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Explanations;
using PhoneGroups.Policy.Numbers;

namespace PhoneGroups.Policy.Tests.Numbers;

/// <summary>
/// Dial-string injection: a dialed number reaches dial strings and dialplan continues, where '&amp;' splits
/// a Dial() into several calls and '/', '@' or ',' change what is dialed. Only 0-9 A-Z a-z * # + pass.
/// </summary>
public class DialedNumberTests
{
    private static readonly CompiledPolicy Policy = TestPolicies.Load(TestPolicies.DecisionTable);

    [Theory]
    [InlineData("011&PJSIP/19005551234@trunk-b&x", '&', 3)]
    [InlineData("5551234@trunk-b", '@', 7)]
    [InlineData("555/1234", '/', 3)]
    [InlineData("5551234%40trunk-b", '%', 7)]
    [InlineData("911)", ')', 3)]
    [InlineData("5551234,1", ',', 7)]
    [InlineData("555 1234", ' ', 3)]
    [InlineData("555\n1234", '\n', 3)]
    [InlineData("5551234;x=1", ';', 7)]
    [InlineData("555${X}", '$', 3)]
    [InlineData("٣٣٣", '٣', 0)]
    public void Validate_ForbiddenCharacter_NamesItAndItsPosition(string dialed, char bad, int position)
    {
        var problem = DialedNumber.Validate(dialed);

        Assert.NotNull(problem);
        Assert.Equal(bad, problem.Character);
        Assert.Equal(position, problem.Position);
    }

    [Theory]
    [InlineData("5551234")]
    [InlineData("555-1234")]
    [InlineData("+4930123456")]
    [InlineData("*80")]
    [InlineData("**2001")]
    [InlineData("#31#5551234")]
    [InlineData("ABCDabcd")]
    public void Validate_Dialable_IsNull(string dialed) => Assert.Null(DialedNumber.Validate(dialed));

    [Theory]
    [InlineData("")]
    [InlineData("--")]
    public void Validate_Empty_IsAProblemWithoutCharacter(string dialed)
    {
        var problem = DialedNumber.Validate(dialed);

        Assert.NotNull(problem);
        Assert.Null(problem.Character);
    }

    [Fact]
    public void Validate_TooLong_IsAProblem() =>
        Assert.NotNull(DialedNumber.Validate(new string('5', DialedNumber.MaxLength + 1)));

    [Theory]
    [InlineData("3001", "011&PJSIP/19005551234@trunk-b&x")]   // _011. matches anything after 011
    [InlineData("3001", "5551234&PJSIP/19005551234@trunk-b")]
    [InlineData("3001", "1001&PJSIP/5551234@trunk-a")]        // an internal extension followed by a second dial
    [InlineData("1001", "911&PJSIP/19005551234@trunk-b")]     // even an emergency prefix
    [InlineData(null, "2001,1")]
    [InlineData("3001", "")]
    public void Decide_InvalidNumber_IsDeniedBeforeAnyRule(string? from, string to)
    {
        var decision = Policy.Decide(from, to);

        Assert.Equal(DecisionAction.Deny, decision.Action);
        Assert.Equal(DecisionReason.InvalidNumber, decision.Reason);
        Assert.Equal("invalid-number", decision.Reason.ToCode());
        Assert.Null(decision.Route);
        Assert.Null(decision.FormatDialString());
        Assert.Null(decision.Endpoint);
        Assert.Empty(decision.Failover);
    }

    [Fact]
    public void Explain_InvalidNumber_NamesTheBadCharacter()
    {
        var sentence = DecisionExplainer.Explain(Policy.Decide("3001", "011&PJSIP/19005551234@trunk-b&x"));

        Assert.Contains("may not call", sentence, StringComparison.Ordinal);
        Assert.Contains("'&'", sentence, StringComparison.Ordinal);
        Assert.Contains("position 4", sentence, StringComparison.Ordinal);
        Assert.Contains("digits, letters, '*', '#' and '+'", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ControlCharacter_IsShownAsItsCode()
    {
        var sentence = DecisionExplainer.Explain(Policy.Decide("3001", "555\n1234"));

        Assert.Contains("U+000A", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', sentence);
    }

    [Theory]
    [InlineData("5551234", "5551234")]
    [InlineData("011&PJSIP/1900@trunk-b", "i")]
    [InlineData("", "i")]
    public void ForDialplan_InvalidNumber_BecomesTheInvalidExtension(string dialed, string expected) =>
        Assert.Equal(expected, DialedNumber.ForDialplan(dialed));
}
