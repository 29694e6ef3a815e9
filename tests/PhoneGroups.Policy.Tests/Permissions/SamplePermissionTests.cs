using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>The commented permissions example at the end of asterisk-conf/policy.yaml works once uncommented.</summary>
public class SamplePermissionTests
{
    [Fact]
    public void Sample_CommentedPermissions_AreValidAndDecideAsTheCommentSays()
    {
        var sample = File.ReadAllText(TestPolicies.SamplePath);
        var start = sample.IndexOf("# permissions:", StringComparison.Ordinal);
        Assert.True(start > 0, "the sample has no commented permissions example");
        var uncommented = sample[..start] + string.Join('\n', sample[start..].Split('\n').Select(line => line.StartsWith("# ", StringComparison.Ordinal) ? line[2..] : line));

        var policy = TestPolicies.Load(uncommented, "policy.yaml");

        var management = policy.Decide("3001", "011441234567");
        Assert.Equal(DecisionOutcome.Challenge, management.Outcome);
        Assert.Equal(("Management abroad", PermissionLevel.Group), (management.Permission?.Name, management.PermissionLevel));
        Assert.True(management.Challenge.TryAccept("4321", out var opened));
        Assert.Equal("intl-management", opened.AccountCode);
        Assert.Equal(DecisionReason.PermissionDenied, policy.Decide(null, "1000", "5550666").Reason);
        Assert.Equal(DecisionReason.UnknownCallerInternal, policy.Decide(null, "1000", "5551234").Reason);
    }
}
