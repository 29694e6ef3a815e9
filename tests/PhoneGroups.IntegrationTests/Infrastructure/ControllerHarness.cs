using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Hosting;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// The real controller (the same host as <c>phonegroups run</c>) connected to the real Asterisk, plus the
/// test's own application "phonegroups-sim", which plays the phones and carriers the policy dials and
/// sees every event in Asterisk (subscribeAll), so tests can check what a phone would see.
/// </summary>
public sealed class ControllerHarness : IAsyncDisposable
{
    private readonly AsteriskFixture _asterisk;
    private readonly IHost _host;
    private readonly AriEventConnection _sim;
    private readonly string _policyDirectory;
    private bool _controllerStopped;

    private ControllerHarness(AsteriskFixture asterisk, IHost host, AriEventConnection sim, EventRecorder events, string policyPath, string policyDirectory)
    {
        _asterisk = asterisk;
        _host = host;
        _sim = sim;
        Events = events;
        PolicyPath = policyPath;
        _policyDirectory = policyDirectory;
    }

    /// <summary>Every event in Asterisk since the harness started.</summary>
    public EventRecorder Events { get; }

    /// <summary>The policy file the controller watches (a copy the test may change).</summary>
    public string PolicyPath { get; }

    public IAriClient Ari => _asterisk.Client;

    /// <summary>The controller's services (its store, its policy in force).</summary>
    public IServiceProvider Services => _host.Services;

    public static Task<ControllerHarness> StartAsync(AsteriskFixture asterisk, string policy = "scenarios.yaml", int ringTimeoutSeconds = 4, params string[] settings) =>
        StartAsync(asterisk, startController: true, policy, ringTimeoutSeconds, settings);

    /// <summary>
    /// With <paramref name="startController"/> false, the in-process controller is built but not started:
    /// the test starts it with <see cref="StartControllerAsync"/> (after another controller died, say).
    /// </summary>
    public static async Task<ControllerHarness> StartAsync(AsteriskFixture asterisk, bool startController, string policy = "scenarios.yaml", int ringTimeoutSeconds = 4, params string[] settings)
    {
        asterisk.EnsureStarted();
        var directory = Directory.CreateTempSubdirectory("phonegroups-it-").FullName;
        var policyPath = Path.Combine(directory, "policy.yaml");
        // A name is one of the test policies in Policies/; a rooted path any other file (the sample policy).
        File.Copy(Path.IsPathRooted(policy) ? policy : Path.Combine(AppContext.BaseDirectory, "Policies", policy), policyPath);

        var sim = new AriEventConnection(Options.Create(AsteriskFixture.Options("phonegroups-sim", subscribeAll: true)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AriEventConnection>.Instance);
        // The in-process controller logs at Debug to the console, kept in memory: a failed wait shows its last lines.
        var log = ConsoleLogTail.Install();
        var events = new EventRecorder(sim.Events, sim.States, () => "controller log, last 60 lines:\n" + log.Recent(60));
        sim.Start();
        await sim.WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(10));

        var healthUrl = $"http://127.0.0.1:{FreeTcpPort()}/";
        var host = ControllerHost.Build(
        [
            "--Ari:Url", "http://127.0.0.1:8088", "--Ari:User", "phonegroups", "--Ari:Password", "phonegroups", "--Demo:AllowDemoPassword", "true", "--Ari:App", "phonegroups",
            "--Policy:Path", policyPath, "--Policy:PollMilliseconds", "200",
            "--Store:Provider", "file", "--Store:Path", Path.Combine(directory, "store.db"), // tests edit the file; later settings may name another store
            "--Calls:RingTimeoutSeconds", ringTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Calls:ShutdownTimeoutSeconds", "1", "--Logging:Format", "text", "--Logging:Level", "Debug",
            "--Health:Url", healthUrl,
            .. settings,
        ]);
        var harness = new ControllerHarness(asterisk, host, sim, events, policyPath, directory) { Health = new Uri(healthUrl) };
        if (startController)
        {
            await harness.StartControllerAsync();
        }
        else
        {
            harness._controllerStopped = true; // nothing to stop until it is started
        }

        return harness;
    }

    /// <summary>Starts the in-process controller and waits until it is connected.</summary>
    public async Task StartControllerAsync()
    {
        _controllerStopped = false;
        await _host.StartAsync();
        await _host.Services.GetRequiredService<AriEventConnection>().WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits until the controller and the simulated phones are connected again (after an Asterisk restart).</summary>
    public async Task WaitForSimConnectedAsync()
    {
        await _sim.WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(20));
        await _host.Services.GetRequiredService<AriEventConnection>().WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(20));
    }

    /// <summary>The calls the in-process controller is in charge of.</summary>
    public int ActiveCalls => _host.Services.GetRequiredService<PhoneGroups.Calls.CallController>().ActiveCalls;

    /// <summary>The controller's health and metrics endpoint.</summary>
    public Uri Health { get; private init; } = null!;

    /// <summary>The value of the counter sample <paramref name="name"/> whose labels include all of <paramref name="labels"/> (0 when absent).</summary>
    public async Task<double> ReadCounterAsync(string name, params (string Label, string Value)[] labels)
    {
        using var http = new HttpClient { BaseAddress = Health };
        var text = await http.GetStringAsync("metrics");
        var total = 0d;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal)
                && labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>
    /// A call "as extension <paramref name="from"/>": a Local channel into the phonegroups-test context. Its
    /// ;1 half is the phone (it answers when the call is answered); its ;2 half is what the controller gets.
    /// </summary>
    public async Task<PlacedCall> PlaceCallAsync(string from, string to, string context = "phonegroups-test")
    {
        var phone = "it-phone-" + Guid.NewGuid().ToString("N")[..10];
        await Ari.OriginateAsync(new OriginateRequest($"Local/{to}@{context}")
        {
            CallerId = from,
            Context = "phonegroups-sim",
            Extension = "answer",
            Priority = 1,
            ChannelId = phone,
            OtherChannelId = phone + "-call",
            Timeout = 30,
        });
        return new PlacedCall(phone, phone + "-call");
    }

    /// <summary>
    /// A call as <see cref="PlaceCallAsync"/>, but the phone's half stays in the test's application once the
    /// controller answers, so the test can act as the phone (press keys: <c>POST /channels/{phone}/dtmf</c>).
    /// </summary>
    public async Task<PlacedCall> PlaceCallFromSimulatedPhoneAsync(string from, string to)
    {
        var phone = "it-phone-" + Guid.NewGuid().ToString("N")[..10];
        await Ari.OriginateAsync(new OriginateRequest($"Local/{to}@phonegroups-test")
        {
            CallerId = from,
            App = "phonegroups-sim",
            AppArgs = "phone",
            ChannelId = phone,
            OtherChannelId = phone + "-call",
            Timeout = 30,
        });
        return new PlacedCall(phone, phone + "-call");
    }

    /// <summary>The simulated phone or carrier <paramref name="number"/> being called (its StasisStart in phonegroups-sim).</summary>
    public Task<StasisStart> WaitForRingingAtAsync(string number, TimeSpan? timeout = null) =>
        Events.WaitForAsync<StasisStart>(e => e.Application == "phonegroups-sim" && e.Args.Count > 0 && e.Args[0] == number, timeout);

    /// <summary>The end of a channel, with the cause the other side saw.</summary>
    public Task<ChannelDestroyed> WaitForHangupAsync(string channelId, TimeSpan? timeout = null) =>
        Events.WaitForAsync<ChannelDestroyed>(e => e.Channel.Id == channelId, timeout);

    /// <summary>The bridge that holds <paramref name="channelId"/> once the call is connected.</summary>
    public Task<ChannelEnteredBridge> WaitForBridgedAsync(string channelId, TimeSpan? timeout = null) =>
        Events.WaitForAsync<ChannelEnteredBridge>(e => e.Bridge.Channels.Count == 2 && e.Bridge.Channels.Contains(channelId), timeout);

    /// <summary>Replaces the policy file, as an admin editing it would.</summary>
    public async Task WritePolicyAsync(string yaml)
    {
        var temporary = PolicyPath + ".new";
        await File.WriteAllTextAsync(temporary, yaml);
        File.Move(temporary, PolicyPath, overwrite: true);
    }

    /// <summary>Waits until Asterisk has no channel and no bridge left, and fails the test if some stay.</summary>
    public async Task AssertNothingLeftAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(8);
        IReadOnlyList<PhoneGroups.Ari.Models.Channel> channels;
        IReadOnlyList<PhoneGroups.Ari.Models.Bridge> bridges;
        do
        {
            channels = await Ari.ListChannelsAsync();
            bridges = await Ari.ListBridgesAsync();
            if (channels.Count == 0 && bridges.Count == 0)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"left in Asterisk: channels [{string.Join(", ", channels.Select(c => $"{c.Name} (id {c.Id}, {c.State}, at {c.Dialplan?.Context}/{c.Dialplan?.Exten}, created {c.CreationTime})"))}], bridges [{string.Join(", ", bridges.Select(b => b.Id))}]");
    }

    /// <summary>Stops the controller as Ctrl-C or SIGTERM would; the test's own view of Asterisk stays.</summary>
    public async Task StopControllerAsync()
    {
        _controllerStopped = true;
        await _host.StopAsync();
    }

    internal static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_controllerStopped)
        {
            await _host.StopAsync();
        }

        _host.Dispose();
        await _sim.DisposeAsync();
        Events.Dispose();
        Directory.Delete(_policyDirectory, recursive: true);
    }
}

/// <summary>A call placed by a test: the phone's channel and the channel the controller handles.</summary>
/// <param name="Phone">The calling phone (Local ;1): it sees the outcome, e.g. its hangup cause.</param>
/// <param name="Call">The controller's side (Local ;2): the call's id in the controller.</param>
public sealed record PlacedCall(string Phone, string Call);
