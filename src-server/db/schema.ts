import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Instant = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Row types of every table, the single description Kysely checks queries against. */
export interface Database {
  accounts: { id: Generated<string>; name: string; created_at: Instant };
  organizations: {
    id: Generated<string>;
    account_id: string;
    parent_id: string | null;
    name: string;
    created_at: Instant;
  };
  users: { id: Generated<string>; email: string; name: string; created_at: Instant };
  memberships: { org_id: string; user_id: string; role: 'owner' | 'admin' | 'member'; created_at: Instant };
  api_keys: {
    id: Generated<string>;
    user_id: string;
    prefix: string;
    key_hash: string;
    created_at: Instant;
    last_used_at: NullableInstant;
    revoked_at: NullableInstant;
  };
  subscriptions: {
    id: Generated<string>;
    org_id: string;
    product_id: string;
    license_kind: string;
    quota: number;
    machine_quota: number;
    billing_cycle: 'monthly' | 'annual' | 'multi-year';
    starts_at: Instant;
    ends_at: Instant;
    created_at: Instant;
    replaced_by: string | null;
  };
  dedications: { org_id: string; product_id: string; count: number; updated_at: Instant };
  seat_assignments: { id: Generated<string>; subscription_id: string; user_id: string; created_at: Instant };
  machines: {
    id: Generated<string>;
    org_id: string;
    machine_id: string;
    component_hashes: JSONColumnType<Record<string, string>>;
    virtualization: string;
    os_user_hash: string | null;
    first_seen_at: Instant;
    last_seen_at: Instant;
  };
  activations: {
    id: Generated<string>;
    subscription_id: string;
    machine_ref: string;
    user_id: string;
    created_at: Instant;
    refreshed_at: Instant;
    lease_expires_at: Instant;
    deactivated_at: NullableInstant;
    /** Why an Owner/Admin action deactivated it (SEAT_REMOVED, MEMBER_REMOVED, MACHINE_REMOVED, KEY_REVOKED). */
    end_code: ColumnType<string | null, string | null | undefined, string | null>;
  };
  sessions: {
    id: Generated<string>;
    subscription_id: string;
    machine_ref: string;
    user_id: string;
    started_at: Instant;
    heartbeat_at: Instant;
    ended_at: NullableInstant;
    end_reason: string | null;
    /** The stable code of a removal that ended it; the next heartbeat is refused with it. */
    end_code: ColumnType<string | null, string | null | undefined, string | null>;
    slot: number | null;
    /** R3: the application under test a TrueTest session holds (null for every other model). */
    application_id: string | null;
    /** Whether its machine holds a live activation on its line; kept by triggers (migration 20261201T0900). */
    on_reservation: Generated<boolean>;
    /** Whether it ran inside one reservation of its machine on its line, start to end; kept by triggers (migration 20261201T1300). */
    inside_reservation: Generated<boolean>;
  };
  floating_slots: { subscription_id: string; slot: number; machine_ref: string; created_at: Instant };
  offline_licenses: {
    id: Generated<string>;
    subscription_id: string;
    org_id: string;
    product_id: string;
    machine_id: string;
    user_id: string | null;
    created_by: string;
    file_name: string;
    content: string;
    expires_at: Instant;
    created_at: Instant;
  };
  signing_keys: {
    kid: string;
    public_key: string;
    private_key_enc: string;
    active: boolean;
    created_at: Instant;
    /** Root-signed key certificate (signed object); null only until the next start certifies an old key. */
    cert_payload: string | null;
    cert_sig: string | null;
    not_before: NullableInstant;
    not_after: NullableInstant;
    revoked_at: NullableInstant;
    revoke_reason: string | null;
  };
  root_keys: {
    kid: string;
    slot: Generated<number>;
    name: string;
    public_key: string;
    private_key_enc: string;
    created_at: Instant;
  };
  revocation_lists: {
    serial: number;
    root_kid: string;
    payload: string;
    sig: string;
    issued_at: Instant;
  };
  auth_failures: { bucket: string; window_started_at: Instant; failures: number };
  audit_events: {
    id: Generated<string>;
    at: Instant;
    actor_user_id: string | null;
    org_id: string | null;
    action: string;
    product_id: string | null;
    machine_id: string | null;
    reason: string | null;
    details: JSONColumnType<Record<string, unknown>>;
    /** Chain position and hashes, set by the audit_events_chain trigger (tamper evidence). */
    seq: Generated<string>;
    prev_hash: Generated<string>;
    hash: Generated<string>;
  };
  /** Renewal orders (R28–R30): at most one live order per subscription and new end. */
  renewal_orders: {
    id: Generated<string>;
    subscription_id: string;
    org_id: string;
    product_id: string;
    ends_at: Instant;
    quantity: number | null;
    due_at: Instant;
    trigger: Generated<'renewal' | 'manual'>;
    source: 'billing' | 'operator' | 'admin';
    status: Generated<'scheduled' | 'applied' | 'failed' | 'cancelled'>;
    failure_code: string | null;
    failure_reason: string | null;
    plan: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
    result_ids: JSONColumnType<string[] | null, string | null, string | null>;
    created_at: Instant;
    applied_at: NullableInstant;
  };
  /** The billing system's credentials (tsb_…), stored as sha256 only. */
  billing_tokens: {
    id: Generated<string>;
    name: string;
    prefix: string;
    token_hash: string;
    created_at: Instant;
    last_used_at: NullableInstant;
    revoked_at: NullableInstant;
  };
  audit_chain_head: { id: boolean; seq: string; hash: string };
}
