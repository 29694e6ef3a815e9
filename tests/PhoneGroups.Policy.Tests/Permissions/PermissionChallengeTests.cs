using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>What a challenged decision gives the call controller: passwords, the PIN, account codes, what happens next.</summary>
public class PermissionChallengeTests
{
    private static readonly CompiledPolicy Policy = TestPolicies.Load(PermissionPolicies.Precedence);

    private static PermissionChallenge CreateSut(string? from, string to, string? outsideNumber = null)
    {
        var decision = Policy.Decide(from, to, outsideNumber);
        Assert.True(decision.IsChallenge, decision.Reason.ToCode());
        return decision.Challenge;
    }

    [Fact]
    public void Challenge_ReadsAsDenyToCodeThatDoesNotKnowChallenges()
    {
        var decision = Policy.Decide("2001", "011441234567");

        Assert.Equal(DecisionOutcome.Challenge, decision.Outcome);
        Assert.Equal(DecisionAction.Deny, decision.Action);
        Assert.False(decision.IsAllowed);
        Assert.Null(decision.Route);
        Assert.Null(decision.Endpoint);
        Assert.Equal(0, decision.Failover.Count);
    }

    [Fact]
    public void Granted_GoesOnExactlyAsAnAllowedCall_RouteCallerIdAndFailover()
    {
        var sut = CreateSut("2001", "011441234567");

        var granted = sut.Granted;

        Assert.Equal(DecisionOutcome.Allow, granted.Outcome);
        Assert.Equal(DecisionAction.Route, granted.Action);
        Assert.Equal(DecisionReason.PermissionPassword, granted.Reason);
        Assert.Equal("International", granted.Route?.Route.Name);
        Assert.Equal("5550100", granted.CallerId);
        Assert.Equal("PJSIP/011441234567@trunk-intl", granted.FormatDialString());
        Assert.Equal(["Backup"], granted.Failover.Select(g => g.Route.Name));
        Assert.Equal("Sales international", granted.Permission?.Name);
        Assert.False(granted.IsChallenge);
    }

    [Fact]
    public void Granted_InternalCall_BridgesToTheCallee()
    {
        var granted = CreateSut(null, "1000", "5551234").Granted;

        Assert.Equal(DecisionAction.Bridge, granted.Action);
        Assert.Equal("PJSIP/1000", granted.Endpoint);
    }

    [Fact]
    public void Challenge_NamesPermissionAndLevel_AndAcceptsItsPassword_WithItsAccountCode()
    {
        var sut = CreateSut("2001", "011441234567");

        Assert.Equal("Sales international", sut.Permission.Name);
        Assert.Equal(PermissionLevel.Group, sut.Level);
        Assert.False(sut.UsesPin);
        Assert.True(sut.TryAccept("4321", out var opened));
        Assert.Equal("intl-sales", opened.AccountCode);
        Assert.False(sut.TryAccept("432", out _));
        Assert.False(sut.TryAccept("43210", out _));
        Assert.False(sut.TryAccept("", out _));
    }

    [Fact]
    public void Challenge_SeveralPasswordsAtTheLevel_AnyOpens_EachWithItsOwnAccountCode()
    {
        var sut = CreateSut("2004", "01144201234");

        Assert.Equal([("1111", "UK needs a code"), ("2222", "UK second code")], sut.AcceptedPasswords.Select(p => (p.Password, p.Permission.Name)));
        Assert.True(sut.TryAccept("2222", out var london));
        Assert.Equal("london", london.AccountCode);
        Assert.True(sut.TryAccept("1111", out var uk));
        Assert.Equal("uk", uk.AccountCode);
    }

    [Fact]
    public void Pin_ReplacesThePasswords_AtTheUserLevel()
    {
        var sut = CreateSut("2003", "011441234567");

        Assert.Equal(PermissionLevel.User, sut.Level);
        Assert.True(sut.UsesPin);
        var accepted = Assert.Single(sut.AcceptedPasswords);
        Assert.True(accepted.IsPin);
        Assert.Equal("7777", accepted.Password);
        Assert.True(sut.TryAccept("7777", out var opened));
        Assert.Equal("uk", opened.AccountCode);
        Assert.False(sut.TryAccept("1111", out _));
    }

    [Fact]
    public void Pin_DoesNotReplaceGroupLevelPasswords()
    {
        // 2003 has a PIN, but for 0113... only the group permission matches.
        var sut = CreateSut("2003", "011331234567");

        Assert.Equal(PermissionLevel.Group, sut.Level);
        Assert.False(sut.UsesPin);
        Assert.True(sut.TryAccept("4321", out _));
        Assert.False(sut.TryAccept("7777", out _));
    }

    [Fact]
    public void Pin_DoesNotTurnAHardDenyIntoAChallenge()
    {
        var policy = TestPolicies.Load(PermissionPolicies.Base + """

            permissions:
              - { name: Never abroad, numbers: ["_011."], users: ["2003"] }
            """);

        Assert.Equal(DecisionReason.PermissionDenied, policy.Decide("2003", "011441234567").Reason);
    }

    [Fact]
    public void Pin_WithStar_IsAccepted()
    {
        var policy = TestPolicies.Load(PermissionPolicies.Base + """

            permissions:
              - { name: Support abroad, numbers: ["_011."], users: ["4002"], password: "99" }
            """);

        var sut = policy.Decide("4002", "011441234567").Challenge;

        Assert.True(sut.TryAccept("0*0*", out _));
        Assert.False(sut.TryAccept("99", out _));
    }

    [Fact]
    public void Challenge_Incoming_AcceptsThePermissionPassword()
    {
        var sut = CreateSut(null, "1000", "5551234");

        Assert.Equal(PermissionLevel.Incoming, sut.Level);
        Assert.True(sut.TryAccept("8888", out var opened));
        Assert.Equal("night", opened.AccountCode);
    }

    [Fact]
    public void NotAChallenge_IsEmpty_AndGrantedThrows()
    {
        var sut = Policy.Decide("2002", "011441234567").Challenge;

        Assert.True(sut.IsEmpty);
        Assert.Empty(sut.AcceptedPasswords);
        Assert.False(sut.TryAccept("4321", out _));
        Assert.Throws<InvalidOperationException>(() => sut.Granted);
    }

    [Fact]
    public void ToString_NeverShowsAPassword()
    {
        var sut = CreateSut("2003", "011441234567");

        Assert.DoesNotContain("7777", sut.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("7777", Assert.Single(sut.AcceptedPasswords).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4321", CreateSut("2001", "011441234567").AcceptedPasswords.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithPermissions_AllocatesNothing_EvenWhenChallengedAndPasswordsAreWalked()
    {
        (string? From, string To, string? Outside)[] calls =
        [
            ("2001", "011441234567", null), ("2004", "01144201234", null), ("2003", "011441234567", null), ("1000", "01149301234", null),
            ("1000", "011441234567", null), ("2001", "1000", null), (null, "4001", "5550666"), (null, "1000", "5551234"), ("2001", "2345678", null),
        ];
        var sink = 0;
        Run(); // JIT first
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sink);

        void Run()
        {
            for (var i = 0; i < 100; i++)
            {
                foreach (var (from, to, outside) in calls)
                {
                    var decision = Policy.Decide(from, to, outside);
                    sink += (int)decision.Reason;
                    foreach (var grant in decision.Failover)
                    {
                        sink += grant.Route.Index;
                    }

                    if (decision.IsChallenge)
                    {
                        var challenge = decision.Challenge;
                        foreach (var accepted in challenge.AcceptedPasswords)
                        {
                            sink += accepted.Password.Length;
                        }

                        sink += challenge.TryAccept("4321", out _) ? 1 : 0;
                        foreach (var grant in challenge.Granted.Failover)
                        {
                            sink += grant.Route.Index;
                        }
                    }
                }
            }
        }
    }
}
