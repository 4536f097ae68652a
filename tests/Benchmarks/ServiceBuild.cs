using System.Diagnostics;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>Builds the services in Release and says where their entry assemblies are.</summary>
public static class ServiceBuild
{
    /// <summary>The three services of the decommission benchmark.</summary>
    public static readonly string[] Services = ["ProductService", "CatalogService", "OrderService"];

    /// <summary>The four services of the erasure benchmark: the three, and ErasureService.</summary>
    public static readonly string[] WithErasure = [.. Services, "ErasureService"];

    /// <summary>The repository root: the nearest folder up from here that holds the local solution filter.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ProductCatalogOrders.Local.slnf")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository: no ProductCatalogOrders.Local.slnf found above the current folder.");
    }

    public static string AssemblyPath(string repositoryRoot, string service) =>
        Path.Combine(repositoryRoot, "src", service, "bin", "Release", "net10.0", $"ProductCatalogOrders.{service}.dll");

    public static Task BuildAsync(string repositoryRoot, CancellationToken cancellationToken) => BuildAsync(repositoryRoot, Services, cancellationToken);

    public static async Task BuildAsync(string repositoryRoot, IEnumerable<string> services, CancellationToken cancellationToken)
    {
        foreach (var service in services)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "build", $"src/{service}/{service}.csproj", "-c", "Release", "-nologo", "-v", "quiet" })
            {
                start.ArgumentList.Add(argument);
            }

            using var build = Process.Start(start)!;
            var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = build.StandardError.ReadToEndAsync(cancellationToken);
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet build of {service} failed:{Environment.NewLine}{await output}{await errors}");
            }
        }
    }
}
