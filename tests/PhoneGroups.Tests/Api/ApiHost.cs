using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using PhoneGroups.Hosting;
using PhoneGroups.Store;

namespace PhoneGroups.Tests.Api;

/// <summary>
/// The real controller host (as <c>phonegroups run</c> builds it) on a loopback port, with a SQLite store in a
/// temporary folder seeded from a policy, and an ARI address where nothing listens: the API, store and
/// publisher are all real; only calls cannot happen (those tests run against the real Asterisk).
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ApiHost(IHost host, string directory, Uri baseAddress)
    {
        _host = host;
        Directory = directory;
        BaseAddress = baseAddress;
    }

    public string Directory { get; }

    public Uri BaseAddress { get; }

    public string StorePath => Path.Combine(Directory, "store.db");

    public IServiceProvider Services => _host.Services;

    public static async Task<ApiHost> StartAsync(string policy, params string[] settings)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("phonegroups-api-").FullName;
        var policyPath = Path.Combine(directory, "seed.yaml");
        await File.WriteAllTextAsync(policyPath, policy);
        var url = new Uri(settings.SkipWhile(s => s != "--Http:Url").Skip(1).FirstOrDefault() ?? $"http://127.0.0.1:{LoopbackPort.Free()}/");
        var host = ControllerHost.Build(
        [
            "--Ari:Url", "http://127.0.0.1:1", "--Ari:Password", "unused", "--Logging:Level", "Fatal", "--Logging:Format", "text",
            "--Policy:Path", policyPath, "--Store:Provider", "sqlite", "--Store:Path", Path.Combine(directory, "store.db"),
            "--Http:Url", url.ToString(), "--Discovery:Enabled", "false",
            .. settings,
        ]);
        await host.StartAsync();
        return new ApiHost(host, directory, url);
    }

    /// <summary>A client with a new token of <paramref name="role"/> named <paramref name="name"/>.</summary>
    public async Task<HttpClient> ClientAsync(string role = ApiRoles.Admin, string? name = null)
    {
        var secret = TokenSecrets.Create();
        var tokens = (SqlStore)_host.Services.GetService(typeof(SqlStore))!;
        await tokens.InitializeAsync(); // as 'phonegroups token create' does; with the file provider nothing else creates the tables
        await tokens.AddAsync(new ApiToken(name ?? role + "-" + Guid.NewGuid().ToString("N")[..6], role, TokenSecrets.Hash(secret), DateTimeOffset.UtcNow));
        return Client(secret);
    }

    /// <summary>A client sending <paramref name="token"/>, or none.</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
