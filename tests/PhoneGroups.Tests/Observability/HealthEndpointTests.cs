using System.Net;
using System.Reactive.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;
using PhoneGroups.Store;

namespace PhoneGroups.Tests.Observability;

/// <summary>
/// Health and metrics over a real loopback port, on an ASP.NET Core host wired as the controller's is
/// (the same health checks, response writer and Prometheus exporter); the ARI connection and host lifetime are scripted.
/// </summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly BehaviorSubject<AriConnectionState> _ari = new(AriConnectionState.Initial);
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new();
    private readonly PolicyStore _policies = new(PolicyLoader.LoadText("version: 1\ngroups:\n  - name: Sales\n    members: [\"2001\", \"2002\"]\n").Policy!);
    private readonly PipelineHealth _pipeline = new();
    private readonly string _policyFile = Path.GetTempFileName();
    private readonly WebApplication _app;
    private ControllerMetrics _metrics = null!;

    public HealthEndpointTests()
    {
        var source = Substitute.For<IAriEventSource>();
        source.States.Returns(_ari);
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Returns(_stopping.Token);
        var port = LoopbackPort.Free();
        _http.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton(_policies);
        builder.Services.AddSingleton(_pipeline);
        builder.Services.AddSingleton(new Readiness(source, _policies, _pipeline, lifetime));
        builder.Services.AddSingleton<IRevisionStore>(new FileRevisionStore(_policyFile));
        builder.Services.AddObservability(builder.Configuration);
        _app = builder.Build();
        _app.MapHealth();
        _app.MapPrometheusScrapingEndpoint("/metrics");
    }

    public async Task InitializeAsync()
    {
        await _app.StartAsync();
        _metrics = _app.Services.GetRequiredService<ControllerMetrics>();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
        File.Delete(_policyFile);
    }

    [Fact]
    public async Task Live_AnswersWhileTheProcessRuns()
    {
        var response = await _http.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_FollowsTheAriConnection_AndTheBodySaysWhy()
    {
        var before = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("disconnected: not connected yet", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        var connected = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        Assert.Contains("1 groups, 2 extensions", await connected.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Disconnected, "connection refused", 1));
        var reconnecting = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reconnecting.StatusCode);
        Assert.Contains("connection refused", await reconnecting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_WhileAnotherConnectionHoldsTheApplication_Is503WithTheReason()
    {
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Replaced, "another connection took application phonegroups", 1));

        var response = await _http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"ari\":\"replaced: another connection took application phonegroups", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_TurnsFalse_AsSoonAsTheHostStops()
    {
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        await _stopping.CancelAsync();

        var response = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"stopping\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_TurnsFalse_WhenTheCallPipelineStopped()
    {
        _ari.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
        _pipeline.Stopped(new InvalidOperationException("bug"));

        var response = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("pipeline stopped: InvalidOperationException: bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ServesThePrometheusText()
    {
        _metrics.Decided("deny", "health-endpoint-test", TimeSpan.FromMilliseconds(0.002));

        var response = await _http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches("phonegroups_calls_decided_total\\{[^}]*decision=\"deny\",reason=\"health-endpoint-test\"\\} 1", text);
        Assert.Contains("phonegroups_decision_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^phonegroups_policy_groups(\{[^}]*\})? \d+$", text); // hosts of tests running beside this one have meters of the same name
    }

    [Fact]
    public async Task Ready_ReportsTheStore()
    {
        var body = await (await _http.GetAsync("health/ready")).Content.ReadAsStringAsync();

        Assert.Contains("\"store\":\"file (read only)\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("nothing-here")).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8090/", true)]
    [InlineData("", true)]
    [InlineData("http://127.0.0.1/", false)]
    [InlineData("https://127.0.0.1:8090/", false)]
    [InlineData("http://127.0.0.1:8090/health", false)]
    public void Url_IsValidated_NamingTheKey(string url, bool valid)
    {
        var result = new HttpOptionsValidation().Validate(null, new HttpOptions { Url = url });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Http:", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
