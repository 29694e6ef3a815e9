using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// A PBX whose ari.conf lacks <c>channelvars</c>: PHONEGROUPS_CALLER does not come with the events, and the
/// controller reads it over REST instead of deciding as if the caller were unknown.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class MissingChannelVarsTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    [Fact]
    public async Task WithoutChannelVars_AnIsolatedCaller_IsStillIdentified_AndDenied()
    {
        var ariConf = Path.Combine(Environment.GetEnvironmentVariable("PHONEGROUPS_CACHE") ?? Path.Combine(RepositoryRoot.Path, ".cache"), "asterisk-root", "etc", "asterisk", "ari.conf");
        var original = await File.ReadAllTextAsync(ariConf);
        Assert.Contains("channelvars", original, StringComparison.Ordinal);
        await File.WriteAllLinesAsync(ariConf, original.Split('\n').Where(line => !line.StartsWith("channelvars", StringComparison.Ordinal)));
        try
        {
            await AsteriskScript.RunAsync("cli \"module reload res_ari.so\"", TimeSpan.FromSeconds(30));

            // 1001 is isolated (Finance); an unknown caller would be let through to 2001 (internal-only).
            var call = await Controller.PlaceCallAsync("1001", "2001");
            var prompt = await Controller.Events.WaitForAsync<PhoneGroups.Ari.Events.PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}");
            Assert.Equal("de", prompt.Playback.Language); // Finance's language: the caller was identified
            Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
            await Controller.AssertNothingLeftAsync();
        }
        finally
        {
            await File.WriteAllTextAsync(ariConf, original);
            await AsteriskScript.RunAsync("cli \"module reload res_ari.so\"", TimeSpan.FromSeconds(30));
        }
    }
}
