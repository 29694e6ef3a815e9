namespace PhoneGroups.Prompts.Tests;

/// <summary>Decoded mono audio: 16-bit samples at a sample rate.</summary>
public sealed record Audio(short[] Samples, int SampleRate)
{
    public double Seconds => (double)Samples.Length / SampleRate;

    /// <summary>Root-mean-square level in dB relative to full scale (-inf for digital silence).</summary>
    public double RmsDbfs
    {
        get
        {
            double sum = 0;
            foreach (var sample in Samples)
            {
                sum += (double)sample * sample;
            }

            return Samples.Length == 0 ? double.NegativeInfinity : 20 * Math.Log10(Math.Sqrt(sum / Samples.Length) / 32768.0);
        }
    }

    /// <summary>Peak level in dB relative to full scale.</summary>
    public double PeakDbfs
    {
        get
        {
            var peak = Samples.Length == 0 ? 0 : Samples.Max(s => Math.Abs((int)s));
            return peak == 0 ? double.NegativeInfinity : 20 * Math.Log10(peak / 32768.0);
        }
    }

    /// <summary>
    /// Whether someone would hear speech: loud enough on average and at its peaks. A prompt of line noise or
    /// hiss passes neither, digital silence certainly not.
    /// </summary>
    public bool IsAudible => RmsDbfs > -35 && PeakDbfs > -12;
}
