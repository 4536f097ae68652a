namespace ProductCatalogOrders.BuildingBlocks;

/// <summary>
/// A setting that makes start-up impossible. Its message is one line that names the setting;
/// the host prints it and exits instead of showing a stack trace.
/// </summary>
public sealed class StartupFailure(string message, Exception? inner = null) : Exception(message, inner);
