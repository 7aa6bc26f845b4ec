using MailKit.Security;

namespace ServiceExcellence.Infrastructure.Email;

/// <summary>The <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>When set, emails are written as .eml files to this folder instead of being sent (the Development default).</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The address customers reach the app on; survey links start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public string FromAddress { get; set; } = "feedback@serviceexcellence.example";
    public string FromName { get; set; } = "ServiceExcellence";

    public SmtpSettings Smtp { get; set; } = new();
    public DispatcherSettings Dispatcher { get; set; } = new();

    public sealed class SmtpSettings
    {
        public string Host { get; set; } = "localhost";
        public int Port { get; set; } = 25;
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public int TimeoutSeconds { get; set; } = 30;
    }

    public sealed class DispatcherSettings
    {
        /// <summary>Run the background dispatcher in this instance.</summary>
        public bool Enabled { get; set; } = true;

        public double PollSeconds { get; set; } = 5;
        public int BatchSize { get; set; } = 20;
        public int MaxAttempts { get; set; } = 8;

        /// <summary>The first retry waits this long; each further one twice as long (at most an hour).</summary>
        public double RetryBaseSeconds { get; set; } = 30;

        /// <summary>How long a claimed message belongs to one dispatcher before another may take it over.</summary>
        public double LeaseSeconds { get; set; } = 120;

        /// <summary>The health check reports Degraded when a due email has waited longer than this.</summary>
        public double BacklogWarningMinutes { get; set; } = 15;
    }
}
