namespace PhoneGroups.Configuration;

/// <summary>The controller's one HTTP host: the API, health and metrics (configuration section <c>Http</c>).</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Http";

    /// <summary>
    /// Where the host listens, e.g. <c>http://127.0.0.1:8090/</c>; empty turns it off. <c>Health:Url</c>, the
    /// older name, is read when this is not set.
    /// </summary>
    /// <value>The default value is http://127.0.0.1:8090/: loopback only, like ARI.</value>
    public string Url { get; set; } = "http://127.0.0.1:8090/";

    /// <summary>A PFX/PKCS#12 certificate file; set it to serve HTTPS (required for an https Url).</summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>The certificate's password; pass it by environment (<c>Http__CertificatePassword</c>).</summary>
    public string CertificatePassword { get; set; } = string.Empty;

    /// <summary>Whether the host listens at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Whether TLS is configured.</summary>
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);
}
