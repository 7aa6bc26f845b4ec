using Serilog;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.Web;

// Reports start-up failures; the app's own logger is configured in AddServiceExcellence.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceExcellence();

    var app = builder.Build();
    await app.Services.InitialiseDatabaseAsync();
    app.UseServiceExcellence();
    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "ServiceExcellence stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The app's entry point; public so the test host can start it.</summary>
public partial class Program;
