/// The API's contract, served at `/openapi.yaml`. The same text as `openapi/tix.yaml`, the committed
/// file (a test checks they match byte for byte), kept here so the binary needs no resource bundle.
/// Regenerate with tools/embed-openapi.
enum OpenAPIDocument {
    static let text = #"""
openapi: 3.1.0
info:
  title: Ticketonomics L2 API
  version: 1.0.0
  description: |
    The HTTP API game servers and partners use, served by `tix serve`. Every request carries an org's
    API key as `Authorization: Bearer tix_<id>_<secret>` (`tix apikey create`). Amounts are integers of
    minor units with their asset and scale. Errors are RFC 9457 problem details whose `type` is a stable
    code (the engine's refusal codes). Every POST needs an `Idempotency-Key`: a retry with the same key
    and body returns the first success again and applies nothing twice; the same key with another body
    is 422.
servers:
  - url: http://127.0.0.1:8080
security:
  - bearer: []
paths:
  /v1/balances/{account}:
    get:
      operationId: getBalance
      summary: A player's (or the key's own org's) balances. Scope balances:read.
      parameters:
        - $ref: '#/components/parameters/Account'
      responses:
        '200':
          description: The balances.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Balance' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
  /v1/history/{account}:
    get:
      operationId: getHistory
      summary: A player's (or the key's own org's) latest movements, newest first. Scope history:read.
      parameters:
        - $ref: '#/components/parameters/Account'
        - name: limit
          in: query
          required: false
          schema: { type: integer, minimum: 1, maximum: 200 }
      responses:
        '200':
          description: The movements.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/History' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
  /v1/pay:
    post:
      operationId: pay
      summary: The org pays a player from its treasury (a quest reward). Scope pay.
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [to, amount]
              properties:
                to: { type: string, description: A player's account or a linked game identity. }
                amount: { type: integer, format: int64, minimum: 1, description: Ticket minor units. }
                memo: { type: string, maxLength: 280 }
      responses:
        '200':
          description: Paid.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Transfer' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '422': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
  /v1/charge:
    post:
      operationId: charge
      summary: The org charges a player within the allowance they granted (land rent). Scope charge.
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [from, amount]
              properties:
                from: { type: string, description: A player's account or a linked game identity. }
                amount: { type: integer, format: int64, minimum: 1, description: Ticket minor units. }
                memo: { type: string, maxLength: 280 }
      responses:
        '200':
          description: Charged.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Transfer' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '422': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
  /v1/links:
    post:
      operationId: createLink
      summary: A short single-use code that ties a game identity to the player who sends /link CODE to the bot. Scope charge or pay.
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [subject]
              properties:
                subject: { type: string, pattern: '^[A-Za-z0-9._-]{1,64}$', description: e.g. a Minecraft UUID. }
      responses:
        '201':
          description: The code.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Link' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '422': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
  /v1/items:
    post:
      operationId: giveItems
      summary: The key's org gives items from its inventory to a player (a quest's loot), paying the transfer fee. Scope items.
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [to, asset, amount]
              properties:
                to: { type: string, description: A player's account or a linked game identity. }
                asset: { type: string, description: 'An item code, e.g. iron_ingot (not TIX: pay tickets with /v1/pay).' }
                amount: { type: integer, format: int64, description: Units of the item. }
                memo: { type: string }
      responses:
        '200':
          description: Given.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Transfer' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '422': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
  /v1/webhooks:
    post:
      operationId: registerWebhook
      summary: Registers an endpoint of the key's org for some events; deliveries are signed with the secret answered here (Tix-Signature). An org has at most 16 endpoints (422 tooManyWebhooks beyond). Scope webhooks.
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [url, events]
              properties:
                url:
                  type: string
                  maxLength: 2048
                  # A scheme, a host, then any visible ASCII: percent-encode anything else.
                  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[!"$-.0->@-~][!-~]*$'
                  description: An absolute http:// or https:// URL with a host, in visible ASCII (percent-encoded), at most 2,048 characters.
                  example: https://mc.example.org/tix/hook
                events:
                  type: array
                  minItems: 1
                  items: { type: string, enum: [transfer.received, craft.completed, proposal.enacted, line.starved, charge.succeeded] }
      responses:
        '201':
          description: The endpoint and its signing secret, shown only here (a retry with the same Idempotency-Key and body answers the same).
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Webhook' }
        '400': { $ref: '#/components/responses/Problem' }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
        '422': { $ref: '#/components/responses/Problem' }
        '429': { $ref: '#/components/responses/RateLimited' }
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  parameters:
    Account:
      name: account
      in: path
      required: true
      description: A player's account name, a game identity linked to one, or the key's own org.
      schema: { type: string }
      example: bob
    IdempotencyKey:
      name: Idempotency-Key
      in: header
      required: true
      description: Visible ASCII, the same on every retry of one request.
      schema: { type: string, pattern: '^[!-~]{1,128}$' }
  responses:
    Problem:
      description: RFC 9457 problem details.
      content:
        application/problem+json:
          schema: { $ref: '#/components/schemas/Problem' }
    RateLimited:
      description: Too many requests for this key.
      headers:
        Retry-After:
          schema: { type: integer }
      content:
        application/problem+json:
          schema: { $ref: '#/components/schemas/Problem' }
  schemas:
    Money:
      type: object
      required: [asset, amount, scale]
      properties:
        asset: { type: string }
        amount: { type: integer, format: int64, description: Minor units. }
        scale: { type: integer, minimum: 0, maximum: 8, description: Decimals of the asset. }
    Balance:
      type: object
      required: [account, balances]
      properties:
        account: { type: string }
        balances: { type: array, items: { $ref: '#/components/schemas/Money' } }
    History:
      type: object
      required: [account, entries]
      properties:
        account: { type: string }
        entries:
          type: array
          items:
            type: object
            required: [seq, at, from, to, amount]
            properties:
              seq: { type: integer }
              at: { type: integer }
              from: { type: string }
              to: { type: string }
              amount: { $ref: '#/components/schemas/Money' }
    Transfer:
      type: object
      required: [seq, at, from, to, amount, fee]
      properties:
        seq: { type: integer, description: The journal entry. }
        at: { type: integer, description: Journal time, ms since the epoch. }
        from: { type: string }
        to: { type: string }
        amount: { $ref: '#/components/schemas/Money' }
        fee: { $ref: '#/components/schemas/Money' }
    Webhook:
      type: object
      required: [endpoint, url, events, secret, seq]
      properties:
        endpoint: { type: integer, description: 'The endpoint''s number, for tix webhook list|remove|rotate.' }
        url: { type: string }
        events: { type: array, items: { type: string } }
        secret: { type: string, description: 'HMAC-SHA256 key of Tix-Signature: t=TIMESTAMP,v1=HEX over "TIMESTAMP.BODY".' }
        seq: { type: integer, description: The journal entry. }
    Link:
      type: object
      required: [code, subject, expiresAt, instruction]
      properties:
        code: { type: string }
        subject: { type: string }
        expiresAt: { type: integer }
        instruction: { type: string }
    Problem:
      type: object
      required: [type, title, status, detail]
      properties:
        type: { type: string, description: The stable code, e.g. insufficientFunds. }
        title: { type: string }
        status: { type: integer }
        detail: { type: string, description: What happened, in words a player understands. }

"""#
}
