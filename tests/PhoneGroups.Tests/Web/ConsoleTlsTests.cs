using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Store;
using PhoneGroups.Tests.Api;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Tests.Web;

/// <summary>Over HTTPS (<c>Http:CertificatePath</c>) the session and anti-forgery cookies are marked Secure.</summary>
public sealed partial class ConsoleTlsTests
{
    [Fact]
    public async Task OverTls_TheSessionCookie_IsSecure()
    {
        var directory = Directory.CreateTempSubdirectory("phonegroups-console-tls-").FullName;
        var pfx = Path.Combine(directory, "controller.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        var url = $"https://127.0.0.1:{LoopbackPort.Free()}/";
        await using var host = await ApiHost.StartAsync(ApiTests.Policy, "--Http:Url", url, "--Http:CertificatePath", pfx, "--Http:CertificatePassword", "test-password");
        await host.Services.GetRequiredService<IConsoleUserStore>().AddUserAsync(new ConsoleUser("admin", ApiRoles.Admin, ConsolePasswords.Hash("admin password"), DateTimeOffset.UtcNow));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=127.0.0.1",
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };

        var form = await client.GetAsync("signin");
        var token = TokenInput().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var signedIn = await client.PostAsync("signin", new FormUrlEncodedContent([new("Name", "admin"), new("Password", "admin password"), new("__RequestVerificationToken", token)]));

        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("phonegroups.antiforgery=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("phonegroups.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Directory.Delete(directory, recursive: true);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
