using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Privacy;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class PrivacyAuditEntryConfiguration : IEntityTypeConfiguration<PrivacyAuditEntry>
{
    public void Configure(EntityTypeBuilder<PrivacyAuditEntry> builder)
    {
        builder.ToTable("PrivacyAudit");
        builder.Property(e => e.ActorName).HasMaxLength(Limits.Name);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Summary).HasMaxLength(PrivacyAuditEntry.MaxSummaryLength);

        // No foreign key to the contact: the evidence outlives whatever happens to the record it is about.
        builder.HasIndex(e => new { e.ContactId, e.At });
        builder.HasIndex(e => e.At);
    }
}
