using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
        builder.Property(c => c.ExternalId).HasMaxLength(Limits.ExternalReference);
        builder.Property(c => c.Segment).HasMaxLength(Limits.Segment);
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.ExternalId).IsUnique().HasFilter("ExternalId IS NOT NULL");
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.ClientTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
        builder.Property(c => c.Email).HasMaxLength(Limits.Email);
        builder.Property(c => c.Language).HasMaxLength(Limits.Language);
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => new { c.ClientId, c.Name });
    }
}
