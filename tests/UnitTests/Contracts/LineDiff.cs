using System.Text;

namespace ProductCatalogOrders.UnitTests.Contracts;

/// <summary>A line diff of two short texts ("-" expected, "+" actual), for readable test failures.</summary>
internal static class LineDiff
{
    public static string Describe(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');

        // Longest common subsequence of lines; samples are a few dozen lines.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                diff.Append("  ").AppendLine(a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                diff.Append("- ").AppendLine(a[x++]);
            }
            else
            {
                diff.Append("+ ").AppendLine(b[y++]);
            }
        }

        return diff.ToString();
    }
}
