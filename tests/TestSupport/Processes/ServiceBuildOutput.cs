namespace ProductCatalogOrders.TestSupport.Processes;

/// <summary>Where the build put a service's entry assembly, in the configuration the running tests were built in.</summary>
public static class ServiceBuildOutput
{
    /// <param name="service">The project folder under <c>src/</c>, e.g. <c>ProductService</c>.</param>
    public static string AssemblyPath(string service)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../bin/<Configuration>/net10.0/
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProductCatalogOrders.Local.slnf")))
            {
                return Path.Combine(directory.FullName, "src", service, "bin", configuration, "net10.0", $"ProductCatalogOrders.{service}.dll");
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test's output folder.");
    }
}
