using System.Text.Json.Serialization;

namespace PhoneGroups.Commands;

/// <summary>Source-generated serialization: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CheckResult))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
