using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Security;

/// <summary>
/// Calls:TrustCallerIdFrom trusts the caller ID of the endpoints it lists (here trunk-b, a branch office),
/// and of no other: an outsider on trunk-a sending caller ID 3001 stays an outsider.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class TrustedCallerIdTests(AsteriskFixture asterisk)
    : ControllerTest(asterisk, Path.Combine(RepositoryRoot.Path, "asterisk-conf", "policy.yaml"), 20, "--Calls:TrustCallerIdFrom:0", "PJSIP/trunk-b")
{
    private const string TrunkA = "127.0.0.50";
    private const string TrunkB = "127.0.0.51";

    [Fact]
    public async Task CallerIdFromAnUntrustedTrunk_DoesNotMakeTheCallerAnExtension()
    {
        await using var outsider = await SippPhone.SpoofAsync(TrunkA, fromUser: "3001", dialed: "5550123");

        await outsider.AssertSucceededAsync();
        Assert.DoesNotContain("SIP/2.0 200 OK", outsider.Messages, StringComparison.Ordinal);
        Assert.Contains("cause=21", outsider.Messages, StringComparison.Ordinal); // unknown caller: internal-only
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CallerIdFromTheTrustedTrunk_IdentifiesTheExtension()
    {
        await using var carrier = await SippPhone.AnswerAsync(TrunkA);
        await using var branch = await SippPhone.SpoofAsync(TrunkB, fromUser: "3001", dialed: "5550123");

        await branch.AssertSucceededAsync();
        await carrier.AssertSucceededAsync();
        Assert.Contains("SIP/2.0 200 OK", branch.Messages, StringComparison.Ordinal); // Management may call out
        Assert.Contains("INVITE sip:5550123@", carrier.Messages, StringComparison.Ordinal);
        await Controller.AssertNothingLeftAsync();
    }
}
