using CsCheck;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Tests.Patterns;

/// <summary>The engine against <see cref="ReferenceMatcher"/> on random patterns and numbers.</summary>
public class PatternPropertyTests
{
    private const string NumberAlphabet = "0123456789*#+-ab";

    /// <summary>One pattern position as text, with the characters a number can use to satisfy it.</summary>
    private static readonly Gen<(string Text, string Members)> GenPosition = Gen.Frequency(
        (6, Gen.Char["0123456789"].Select(c => (c.ToString(), c.ToString()))),
        (2, Gen.Char["*#+ab"].Select(c => (c.ToString(), c.ToString()))),
        (3, Gen.OneOf(
            Gen.Const(("X", "0123456789")),
            Gen.Const(("x", "0123456789")),
            Gen.Const(("Z", "123456789")),
            Gen.Const(("N", "23456789")),
            Gen.Const(("n", "23456789")))),
        (2, Gen.Select(Gen.Int[0, 9], Gen.Int[0, 9]).Select((a, b) =>
        {
            var (lo, hi) = a <= b ? (a, b) : (b, a);
            return ($"[{lo}-{hi}]", string.Concat(Enumerable.Range(lo, hi - lo + 1)));
        })),
        (1, Gen.Char["0123456789*#"].Array[1, 4].Select(cs => ($"[{new string(cs)}]", new string(cs)))));

    private static readonly Gen<(string Pattern, Func<Random, string> Example)> GenPattern =
        Gen.Select(GenPosition.Array[0, 6], Gen.Int[0, 2], Gen.Int[0, 5], Gen.Bool).Where((p, tail, _, isLiteral) => p.Length > 0 || tail > 0)
            .Select((positions, tail, dashAt, isLiteral) =>
            {
                var literal = isLiteral && tail == 0 && positions.All(p => p.Text.Length == 1 && !"XxZzNn".Contains(p.Text[0]));
                var parts = positions.Select(p => p.Text).ToList();
                if (dashAt < parts.Count)
                {
                    parts.Insert(dashAt, "-");
                }

                var text = (literal ? string.Empty : "_") + string.Concat(parts) + (literal ? string.Empty : tail switch { 1 => ".", 2 => "!", _ => string.Empty });
                string Example(Random random)
                {
                    var number = string.Concat(positions.Select(p => p.Members[random.Next(p.Members.Length)]));
                    var extra = tail switch { 1 => random.Next(1, 4), 2 => random.Next(0, 4), _ => 0 };
                    for (var i = 0; i < extra; i++)
                    {
                        number += NumberAlphabet[random.Next(NumberAlphabet.Length)];
                    }

                    return number;
                }

                return (text, (Func<Random, string>)Example);
            });

    private static readonly Gen<string> GenNumber = Gen.Char[NumberAlphabet].Array[0, 10].Select(cs => new string(cs));

    [Fact]
    public void IsMatch_RandomPatternsAndNumbers_AgreesWithReference()
    {
        Gen.Select(GenPattern, GenNumber, Gen.Int[0, int.MaxValue], Gen.Bool).Sample((pattern, randomNumber, seed, useExample) =>
        {
            var number = useExample ? pattern.Example(new Random(seed)) : randomNumber;
            var sut = AsteriskPattern.Parse(pattern.Pattern);

            return sut.IsMatch(number) == ReferenceMatcher.IsMatch(pattern.Pattern, number);
        }, iter: 20_000);
    }

    [Fact]
    public void Match_RandomPatternSets_ReportsExactlyTheReferenceMatches()
    {
        Gen.Select(GenPattern.Array[1, 25], GenNumber.Array[0, 10], Gen.Int[0, int.MaxValue]).Sample((patterns, randomNumbers, seed) =>
        {
            var builder = new PatternSetBuilder();
            for (var i = 0; i < patterns.Length; i++)
            {
                builder.Add(AsteriskPattern.Parse(patterns[i].Pattern), i);
            }

            var sut = builder.Build();
            var random = new Random(seed);
            var numbers = randomNumbers.Concat(patterns.Select(p => p.Example(random)));
            var regexes = patterns.Select(p => ReferenceMatcher.ToRegex(p.Pattern)).ToArray();

            return numbers.All(number =>
            {
                var expected = Enumerable.Range(0, patterns.Length).Where(i => regexes[i].IsMatch(ReferenceMatcher.Normalize(number)));
                return sut.GetOwners(sut.Match(number)).ToArray().SequenceEqual(expected);
            });
        }, iter: 2_000);
    }
}
