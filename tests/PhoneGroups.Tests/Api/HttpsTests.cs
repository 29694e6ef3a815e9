using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhoneGroups.Tests.Api;

/// <summary>With <c>Http:CertificatePath</c> the host serves HTTPS (a self-signed certificate made for the test).</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task WithACertificate_TheHostServesHttps()
    {
        var directory = Directory.CreateTempSubdirectory("phonegroups-tls-").FullName;
        var pfx = Path.Combine(directory, "controller.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        var url = $"https://127.0.0.1:{LoopbackPort.Free()}/";
        await using var host = await ApiHost.StartAsync(ApiTests.Policy, "--Http:Url", url, "--Http:CertificatePath", pfx, "--Http:CertificatePassword", "test-password");
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=127.0.0.1" };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };

        var live = await client.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void HttpsWithoutACertificate_IsRefusedAtStart_NamingTheKey()
    {
        var result = new PhoneGroups.Configuration.HttpOptionsValidation().Validate(null, new PhoneGroups.Configuration.HttpOptions { Url = "https://127.0.0.1:8443/" });

        Assert.Contains("Http:CertificatePath", result.FailureMessage, StringComparison.Ordinal);
    }
}
