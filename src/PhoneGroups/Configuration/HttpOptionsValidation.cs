using Microsoft.Extensions.Options;

namespace PhoneGroups.Configuration;

/// <summary>Checks <see cref="HttpOptions"/> at start-up; the message names the key.</summary>
internal sealed class HttpOptionsValidation : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.IsDefaultPort || !uri.Authority.Contains(':', StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail(
                $"{HttpOptions.Section}:Url must be an http address with a port and no path, e.g. http://127.0.0.1:8090/ (or empty to turn it off), not '{options.Url}'");
        }

        if (uri.Scheme == Uri.UriSchemeHttps && !options.HasCertificate)
        {
            return ValidateOptionsResult.Fail($"{HttpOptions.Section}:Url is https: set {HttpOptions.Section}:CertificatePath (a .pfx file) too");
        }

        if (options.HasCertificate && !File.Exists(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail($"{HttpOptions.Section}:CertificatePath: the file '{options.CertificatePath}' does not exist");
        }

        return ValidateOptionsResult.Success;
    }
}
