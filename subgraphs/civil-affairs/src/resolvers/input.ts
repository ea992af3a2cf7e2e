export { checkedDate, checkedIdNumber, escapeLike } from '@hub/access';
export { chinaClock } from '@hub/domain';
