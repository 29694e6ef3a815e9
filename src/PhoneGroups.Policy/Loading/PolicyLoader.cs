using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Loading;

/// <summary>
/// Reads, validates and compiles a policy file. All or nothing: any error rejects the whole file,
/// and every error found is reported at once.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Loads the policy at <paramref name="path"/>; errors name the path as given.</summary>
    public static PolicyLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            // Checked before reading, so a huge file costs nothing.
            var length = new FileInfo(path).Length;
            if (length > YamlLimits.MaxFileBytes)
            {
                return PolicyLoadResult.Failed([TooLarge(path, length)]);
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var message = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"cannot read the file: {e.Message}";
            return PolicyLoadResult.Failed([new PolicyError(path, 0, 0, string.Empty, message)]);
        }

        return LoadText(text, path);
    }

    /// <summary>Loads a policy from <paramref name="text"/>; <paramref name="sourceName"/> is what errors call the file.</summary>
    public static PolicyLoadResult LoadText(string text, string sourceName = "policy.yaml")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (text.Length > YamlLimits.MaxFileBytes)
        {
            return PolicyLoadResult.Failed([TooLarge(sourceName, text.Length)]);
        }

        var errors = new PolicyErrorList(sourceName);
        PolicyDocument? document;
        try
        {
            document = new YamlPolicyReader(errors).Read(text);
        }
#pragma warning disable CA1031 // a policy file must never take the process down: whatever breaks is an error of the file
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return PolicyLoadResult.Failed([new PolicyError(sourceName, 0, 0, string.Empty, $"the file could not be read as YAML: {e.Message}")]);
        }

        if (document is null)
        {
            return PolicyLoadResult.Failed(errors.ToList());
        }

        var validator = new PolicyValidator(errors);
        validator.Validate(document);
        if (errors.Count > 0)
        {
            return PolicyLoadResult.Failed(errors.ToList());
        }

        try
        {
            return PolicyLoadResult.Loaded(PolicyCompiler.Compile(document, validator.Patterns));
        }
        catch (PatternSetTooLargeException e)
        {
            return PolicyLoadResult.Failed([new PolicyError(sourceName, 0, 0, "patterns", e.Message)]);
        }
    }

    private static PolicyError TooLarge(string sourceName, long length) =>
        new(sourceName, 0, 0, string.Empty,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the file has {length:N0} bytes; a policy file may have at most {YamlLimits.MaxFileBytes:N0} ({YamlLimits.MaxFileBytes / (1024 * 1024)} MB)"));
}
