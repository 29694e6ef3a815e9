using System.Net.Http.Headers;
using System.Text;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// Adds a PJSIP endpoint to the running test Asterisk and takes it away again, as an admin editing
/// pjsip.conf and reloading would: the file in the cached root (eng/asterisk.sh), then a reload of res_pjsip
/// over ARI. Disposing puts the file back as it was and reloads.
/// </summary>
public sealed class AsteriskEndpoints : IAsyncDisposable
{
    private readonly string _file = Path.Combine(
        Environment.GetEnvironmentVariable("PHONEGROUPS_CACHE") is { Length: > 0 } cache ? cache : Path.Combine(RepositoryRoot.Path, ".cache"),
        "asterisk-root", "etc", "asterisk", "pjsip.conf");

    private readonly string _original;

    public AsteriskEndpoints() => _original = File.ReadAllText(_file);

    /// <summary>A phone endpoint <paramref name="name"/> in the phones' context, live once this returns.</summary>
    public Task AddAsync(string name) =>
        WriteAndReloadAsync(_original + $"\n; added by an integration test\n[{name}]\ntype = endpoint\ncontext = phonegroups\ndisallow = all\nallow = ulaw\n");

    /// <summary>Every endpoint added is gone again.</summary>
    public Task RemoveAllAsync() => WriteAndReloadAsync(_original);

    public async ValueTask DisposeAsync()
    {
        if (File.ReadAllText(_file) != _original)
        {
            await RemoveAllAsync();
        }
    }

    private async Task WriteAndReloadAsync(string content)
    {
        await File.WriteAllTextAsync(_file, content);
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8088/ari/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("phonegroups:phonegroups")));
        using var reload = await http.PutAsync("asterisk/modules/res_pjsip.so", null);
        Assert.True(reload.IsSuccessStatusCode, $"reload res_pjsip: {(int)reload.StatusCode} {await reload.Content.ReadAsStringAsync()}");
    }
}
