/**
 * Thrown into a listen() iterator (`iterator.throw(new ListenRelease())`) by a consumer that pulled
 * a message it will not handle (the hub, when its loop ends with the message still in hand): the
 * engine lets the message's lease go without saving its cursor, so the message comes again, to this
 * process after a restart or at once to another worker. Leaving the loop any other way means handled.
 */
export class ListenRelease extends Error {
  constructor() {
    super('the consumer handed the message back unhandled');
    this.name = 'ListenRelease';
  }
}
