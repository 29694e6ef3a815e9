using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Integration;

/// <summary>
/// The doc-test of docs/integration.md: Debian's complete stock Asterisk configuration (an "existing PBX":
/// autoload, res_pjsip_refer, the user-name identifier) plus the guide's code blocks, and nothing from
/// asterisk-conf/. Real SIP calls through it, with the controller running and stopped.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class IntegrationGuideTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private const string Office1001 = "127.0.0.11";
    private const string Lobby2001 = "127.0.0.21";
    private const string Carrier = "127.0.0.50";
    private const string NobodysAddress = "127.0.0.99";
    private const string TestPassword = "phonegroups"; // what the test's ARI clients use; the guide says <your ARI password>

    private readonly string _directory = Directory.CreateTempSubdirectory("phonegroups-guide-").FullName;

    public async Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        WriteConfiguration();
        await AsteriskScript.RunAsync("restart", TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["PHONEGROUPS_ASTERISK_CONF"] = _directory });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await asterisk.CleanUpAndAssertNothingLeftAsync();
        }
        finally
        {
            // Back to asterisk-conf/ for every other test.
            await AsteriskScript.RunAsync("restart", TimeSpan.FromMinutes(2));
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task CallsThroughTheGuidesConfiguration_BehaveAsTheGuideSays()
    {
        var controller = await ControllerHarness.StartAsync(asterisk, Path.Combine(_directory, "policy.yaml"), ringTimeoutSeconds: 20);
        await using (controller)
        {
            // Allowed: Office calls the lobby.
            await using (var lobby = await SippPhone.AnswerAsync(Lobby2001))
            await using (var office = await SippPhone.CallAsync(Office1001, "2001", talk: TimeSpan.FromSeconds(1)))
            {
                await office.AssertSucceededAsync();
                await lobby.AssertSucceededAsync();
                Assert.Contains("SIP/2.0 200 OK", office.Messages, StringComparison.Ordinal);
            }

            // A blind transfer (REFER) goes to the controller, never to Asterisk's core: the isolated lobby may not
            // be sent to a number no route reaches, so the office's phone is told the transfer failed (NOTIFY 603).
            await using (var lobby = await SippPhone.AnswerAsync(Lobby2001))
            await using (var office = await SippPhone.CallAndTransferAsync(Office1001, "2001", referTo: "99"))
            {
                await office.AssertSucceededAsync();
                await lobby.AssertSucceededAsync();
                Assert.Contains("SIP/2.0 202", office.Messages, StringComparison.Ordinal);
                Assert.Equal("SIP/2.0 603 Decline", office.TransferOutcomes[^1]);
            }

            // Denied: the lobby is isolated.
            await using (var lobby = await SippPhone.CallAsync(Lobby2001, "1001", talk: TimeSpan.FromSeconds(1)))
            {
                await lobby.AssertSucceededAsync();
                Assert.DoesNotContain("SIP/2.0 200 OK", lobby.Messages, StringComparison.Ordinal);
                Assert.Contains("cause=21", lobby.Messages, StringComparison.Ordinal);
            }

            // Emergency: even the isolated lobby without routes reaches 911, presenting its emergencyCallerId.
            await using (var carrier = await SippPhone.AnswerAsync(Carrier))
            await using (var lobby = await SippPhone.CallAsync(Lobby2001, "911", talk: TimeSpan.FromSeconds(1)))
            {
                await lobby.AssertSucceededAsync();
                await carrier.AssertSucceededAsync();
                Assert.Contains("INVITE sip:911@", carrier.Messages, StringComparison.Ordinal);
                Assert.Matches(@"(?m)^From:.*sip:1001@", carrier.Messages);
            }

            // A forged From from an address no endpoint uses: stock Asterisk loads the user-name identifier.
            var before = controller.Events.Snapshot().Count;
            await using (var attacker = await SippPhone.SpoofAsync(NobodysAddress, fromUser: "1001", dialed: "5551234"))
            {
                await attacker.AssertSucceededAsync();
                Assert.DoesNotContain("SIP/2.0 200 OK", attacker.Messages, StringComparison.Ordinal);
                Assert.DoesNotContain("SIP/2.0 18", attacker.Messages, StringComparison.Ordinal);
                Assert.DoesNotContain(controller.Events.Snapshot().Skip(before).OfType<ChannelEvent>(), e => e.Channel.Name.StartsWith("PJSIP/", StringComparison.Ordinal));
            }

            // The carrier dialling 911: never routed back out.
            await using (var inbound = await SippPhone.CallAsync(Carrier, "911", talk: TimeSpan.FromSeconds(1)))
            {
                await inbound.AssertSucceededAsync();
                Assert.DoesNotContain("SIP/2.0 200 OK", inbound.Messages, StringComparison.Ordinal);
                Assert.Contains("cause=21", inbound.Messages, StringComparison.Ordinal);
            }

            await controller.AssertNothingLeftAsync();

            // Controller down: ordinary calls are refused with cause 41, emergency numbers still dial.
            await controller.StopControllerAsync();
            await using (var office = await SippPhone.CallAsync(Office1001, "2001", talk: TimeSpan.FromSeconds(1)))
            {
                await office.AssertSucceededAsync();
                Assert.DoesNotContain("SIP/2.0 200 OK", office.Messages, StringComparison.Ordinal);
                Assert.Contains("cause=41", office.Messages, StringComparison.Ordinal);
            }

            await using (var carrier = await SippPhone.AnswerAsync(Carrier))
            await using (var office = await SippPhone.CallAsync(Office1001, "911", talk: TimeSpan.FromSeconds(1)))
            {
                await office.AssertSucceededAsync();
                await carrier.AssertSucceededAsync();
                Assert.Contains("INVITE sip:911@", carrier.Messages, StringComparison.Ordinal);
            }

            await using (var inbound = await SippPhone.CallAsync(Carrier, "911", talk: TimeSpan.FromSeconds(1)))
            {
                await inbound.AssertSucceededAsync();
                Assert.DoesNotContain("SIP/2.0 200 OK", inbound.Messages, StringComparison.Ordinal);
                Assert.Contains("cause=41", inbound.Messages, StringComparison.Ordinal);
            }

            await controller.AssertNothingLeftAsync();
        }
    }

    /// <summary>Stock files, with the guide's blocks over or after them; the only change is the test's ARI password.</summary>
    private void WriteConfiguration()
    {
        var stock = Path.Combine(Environment.GetEnvironmentVariable("PHONEGROUPS_CACHE") ?? Path.Combine(RepositoryRoot.Path, ".cache"),
            "asterisk-root", "etc", "asterisk.debian");
        foreach (var (file, block) in GuideBlocks.Read())
        {
            var text = file is "pjsip.conf" or "extensions.conf"
                ? File.ReadAllText(Path.Combine(stock, file)) + "\n; --- added from docs/integration.md ---\n" + block
                : block;
            File.WriteAllText(Path.Combine(_directory, file), text.Replace("<your ARI password>", TestPassword, StringComparison.Ordinal));
        }

        // The "existing PBX" stays on loopback: stock modules that would listen on every address stay out.
        var modules = File.ReadAllText(Path.Combine(stock, "modules.conf"));
        var section = modules.IndexOf("[modules]\n", StringComparison.Ordinal) + "[modules]\n".Length;
        File.WriteAllText(Path.Combine(_directory, "modules.conf"), modules.Insert(section,
            "noload => chan_iax2.so\nnoload => pbx_dundi.so\nnoload => chan_unistim.so\nnoload => chan_motif.so\nnoload => res_xmpp.so\nnoload => res_hep.so\n"));
    }
}
