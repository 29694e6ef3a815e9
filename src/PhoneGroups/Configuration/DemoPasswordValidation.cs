using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;

namespace PhoneGroups.Configuration;

/// <summary>
/// Refuses the demo ARI password of the shipped ari.conf: on a real PBX it would hand call control to
/// anyone who read the repository. Only the demo (eng/run.sh) and the tests set the switch
/// <c>Demo:AllowDemoPassword</c>.
/// </summary>
internal sealed class DemoPasswordValidation(IConfiguration configuration) : IValidateOptions<AriOptions>
{
    /// <summary>The password of asterisk-conf/ari.conf.</summary>
    public const string DemoPassword = "phonegroups";

    /// <summary>The switch that allows it.</summary>
    public const string SwitchKey = "Demo:AllowDemoPassword";

    public ValidateOptionsResult Validate(string? name, AriOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Password != DemoPassword || configuration.GetValue<bool>(SwitchKey))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{AriOptions.Section}:Password is the demo password of the shipped ari.conf; set a password of your own in ari.conf " +
            $"(the Asterisk image takes it from Ari__Password) and give it to the controller as Ari__Password. Only a demo sets {SwitchKey}=true");
    }
}
