namespace PhoneGroups.Configuration;

/// <summary>The health and metrics endpoint (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Health";

    /// <summary>
    /// Where <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> answer, e.g.
    /// <c>http://127.0.0.1:8090/</c>; empty turns the endpoint off.
    /// </summary>
    /// <value>The default value is http://127.0.0.1:8090/: loopback only, like ARI.</value>
    public string Url { get; set; } = "http://127.0.0.1:8090/";

    /// <summary>Whether the endpoint is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

/// <summary>Checks <see cref="HealthOptions"/> at start-up; the message names the key.</summary>
internal sealed class HealthOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<HealthOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        if (!options.Enabled)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Success;
        }

        return Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/" && !uri.IsDefaultPort
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"{HealthOptions.Section}:Url must be an http address with a port and no path, e.g. http://127.0.0.1:8090/ (or empty to turn it off), not '{options.Url}'");
    }
}
