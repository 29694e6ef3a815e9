using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Commands;
using PhoneGroups.Tests.Commands;

namespace PhoneGroups.Tests.Calls;

/// <summary>If the shared pipeline ever stops, calls must not go on reaching an application nobody serves.</summary>
public sealed class PipelineFailureTests
{
    [Fact]
    public async Task PipelineStopping_ClosesTheAriConnection_AndStopsTheProcess()
    {
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        await using var sut = new ControllerUnderTest(lifetime: lifetime);
        await sut.StartAsync();

        sut.Asterisk.Fail(new InvalidOperationException("the event stream broke"));

        Assert.False(sut.Pipeline.IsRunning);
        Assert.True(sut.Asterisk.Stopped); // Stasis() now fails at once: the dialplan's fallback takes calls
        lifetime.Received().StopApplication();
    }

    /// <summary>
    /// <c>phonegroups run</c> as the supervisor starts it (the real host, controller and exit code), with a
    /// scripted ARI in place of Asterisk: when the call pipeline stops, the process exits with 70 (EX_SOFTWARE)
    /// so systemd or Docker restart it.
    /// </summary>
    [Fact]
    public async Task Run_WhenTheCallPipelineStops_ExitsWith70()
    {
        var directory = Directory.CreateTempSubdirectory("phonegroups-run-").FullName;
        try
        {
            var policy = Path.Combine(directory, "policy.yaml");
            await File.WriteAllTextAsync(policy, TempPolicyFile.Example);
            var asterisk = new ScriptedEventSource();
            var ari = Substitute.For<IAriClient>();
            ari.ListChannelsAsync(default).ReturnsForAnyArgs(Array.Empty<Channel>());
            ari.ListBridgesAsync(default).ReturnsForAnyArgs(Array.Empty<Bridge>());
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            string[] args =
            [
                "--Policy:Path", policy, "--Store:Provider", "sqlite", "--Store:Path", Path.Combine(directory, "store.db"),
                "--Ari:User", "phonegroups", "--Ari:Password", "not-the-demo", "--Http:Url", "", "--Discovery:Enabled", "false",
                "--Logging:Level", "Fatal", "--Logging:Format", "text",
            ];
            var run = Task.Run(() => RunCommand.Run(args, stdout, stderr, services =>
            {
                services.AddSingleton<IAriEventSource>(asterisk);
                services.AddSingleton(ari);
            }));

            if (await Task.WhenAny(asterisk.Started, run) == run)
            {
                Assert.Fail($"run ended with {await run} before the controller started: {stderr}");
            }

            asterisk.Fail(new InvalidOperationException("the event stream broke"));

            Assert.Equal(70, await run);
            Assert.True(asterisk.Stopped);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
