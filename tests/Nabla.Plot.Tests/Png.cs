using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Nabla.Plot.Tests;

/// <summary>Reads PNG files back: the header and IHDR chunk by hand (with its CRC), the pixels with SkiaSharp.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height in the IHDR chunk, after checking the signature, the chunk's CRC and the closing IEND chunk.</summary>
    public static (int Width, int Height) ReadHeader(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG signature");
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)));
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(29));
        Assert.Equal(Crc32(bytes.AsSpan(12, 17)), crc);
        Assert.Equal("IEND", Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    public static SKBitmap Decode(string path) => SKBitmap.Decode(path) ?? throw new InvalidDataException($"SkiaSharp cannot decode {path}");

    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidDataException("SkiaSharp cannot decode the bytes");

    /// <summary>How many pixels are within <paramref name="tolerance"/> (sum of channel differences) of the colour, optionally only inside a rectangle.</summary>
    public static int CountNear(SKBitmap image, string hex, int tolerance = 60, SKRectI? within = null)
    {
        var c = SKColor.Parse(hex);
        var r = within ?? new SKRectI(0, 0, image.Width, image.Height);
        int count = 0;
        for (int y = Math.Max(0, r.Top); y < Math.Min(image.Height, r.Bottom); y++)
            for (int x = Math.Max(0, r.Left); x < Math.Min(image.Width, r.Right); x++)
            {
                var p = image.GetPixel(x, y);
                if (Math.Abs(p.Red - c.Red) + Math.Abs(p.Green - c.Green) + Math.Abs(p.Blue - c.Blue) <= tolerance) count++;
            }
        return count;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
