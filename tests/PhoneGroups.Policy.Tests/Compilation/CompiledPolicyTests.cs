namespace PhoneGroups.Policy.Tests.Compilation;

public class CompiledPolicyTests
{
    private static readonly PhoneGroups.Policy.Compilation.CompiledPolicy Sut = TestPolicies.Load(TestPolicies.DecisionTable);

    [Theory]
    [InlineData("1001", "1002", true)]
    [InlineData("1001", "1000", false)]
    [InlineData("1001", "5551234", false)]   // not an extension: nothing of Finance's rings there
    [InlineData("3001", "1001", false)]      // Finance is pickup-isolated: nobody outside picks up its calls
    [InlineData("3001", "4001", true)]       // neither Management nor Support is pickup-isolated
    [InlineData("9999", "1000", false)]      // unknown phones pick up nothing
    public void MayPickUp_PickupIsolation_KeepsPickupsInsideTheGroup(string picker, string ringing, bool expected)
    {
        Assert.Equal(expected, Sut.MayPickUp(picker, ringing));
    }

    [Fact]
    public void TryGetExtension_Span_FindsWithoutString()
    {
        Assert.True(Sut.TryGetExtension("x1001".AsSpan(1), out var extension));
        Assert.Equal("1001", extension.Number);
        Assert.False(Sut.TryGetExtension("1234".AsSpan(), out _));
    }

    [Fact]
    public void Patterns_SharedAutomaton_StaysSmall()
    {
        // 8 route patterns, 4 allow patterns for Finance and 2 for Sales, 2 emergency numbers
        Assert.InRange(Sut.Patterns.StateCount, 10, 200);
    }
}
