using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PhoneGroups.Discovery;

/// <summary>Checks <see cref="DiscoveryOptions"/> at start-up; the message names the key.</summary>
internal sealed class DiscoveryOptionsValidation : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        var errors = new List<string>();
        try
        {
            _ = new Regex(options.ExtensionPattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            errors.Add($"{DiscoveryOptions.Section}:ExtensionPattern is not a regular expression: {e.Message}");
        }

        if (options.IntervalSeconds is < 1 or > 86_400)
        {
            errors.Add($"{DiscoveryOptions.Section}:IntervalSeconds must be between 1 and 86400, not {options.IntervalSeconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
