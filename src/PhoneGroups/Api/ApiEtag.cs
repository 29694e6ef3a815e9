using System.Globalization;

namespace PhoneGroups.Api;

/// <summary>The ETag of a revision: its id, quoted.</summary>
internal static class ApiEtag
{
    public static string Of(long revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";
}
