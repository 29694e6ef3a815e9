namespace PhoneGroups.Policy.Numbers;

/// <summary>Why a dialed number was refused before any rule ran.</summary>
/// <param name="Character">The first character that may not be dialed, or null when the number is empty or too long.</param>
/// <param name="Position">Its 0-based position in the number.</param>
/// <param name="Problem">What is wrong, as the end of a sentence: "it holds '&amp;' at position 4".</param>
public sealed record InvalidNumber(char? Character, int Position, string Problem);
