namespace PhoneGroups.IntegrationTests.Integration;

/// <summary>The guide's blocks are found: a renamed or retagged block must not silently drop out of the doc-test.</summary>
public sealed class GuideBlocksTests
{
    [Fact]
    public void Read_FindsABlockForEveryFileTheGuideConfigures() =>
        Assert.Equal(["ari.conf", "extensions.conf", "features.conf", "http.conf", "pjsip.conf", "policy.yaml"], GuideBlocks.Read().Keys.Order());

    [Fact]
    public void Read_KeepsTheSecurityLines()
    {
        var blocks = GuideBlocks.Read();

        Assert.Contains("identify_by = ip", blocks["pjsip.conf"], StringComparison.Ordinal);
        Assert.Contains("set_var = PJSIP_TRANSFER_HANDLING()=ari-only", blocks["pjsip.conf"], StringComparison.Ordinal);
        Assert.Contains("allow_transfer = no", blocks["pjsip.conf"], StringComparison.Ordinal); // trunks
        Assert.Contains("redirect_method = user", blocks["pjsip.conf"], StringComparison.Ordinal);
        Assert.Contains("pickupexten =", blocks["features.conf"], StringComparison.Ordinal);
        Assert.Contains("PHONEGROUPS_ORIGIN", blocks["ari.conf"], StringComparison.Ordinal);
        Assert.Contains("bindaddr = 127.0.0.1", blocks["http.conf"], StringComparison.Ordinal);
    }
}
